/** The `…SubscriptionLinkList` body both APIs answer to `GET /applications/{appInstanceId}/subscriptions`. */
export function subscriptionLinkList(self: string, rel: string, hrefs: string[]) {
  return { _links: { self: { href: self }, subscriptions: hrefs.map((href) => ({ href, rel })) } };
}
