/** Absolute URLs of Mp1 resources, under the public URL apps reach the MEP at (it may carry a path prefix). */
export const SERVICE_MGMT_BASE = '/mec_service_mgmt/v1';
export const APP_SUPPORT_BASE = '/mec_app_support/v1';
export const TOKEN_PATH = '/oauth2/token';

export class Links {
  constructor(private readonly publicUrl: () => string) {}

  get root(): string {
    return this.publicUrl().replace(/\/+$/, '');
  }

  tokenEndpoint(): string {
    return this.root + TOKEN_PATH;
  }

  service(serInstanceId: string, appInstanceId?: string): string {
    const app = appInstanceId === undefined ? '' : `/applications/${enc(appInstanceId)}`;
    return `${this.root}${SERVICE_MGMT_BASE}${app}/services/${enc(serInstanceId)}`;
  }

  serviceSubscriptions(appInstanceId: string): string {
    return `${this.root}${SERVICE_MGMT_BASE}/applications/${enc(appInstanceId)}/subscriptions`;
  }

  serviceSubscription(appInstanceId: string, subscriptionId: string): string {
    return `${this.serviceSubscriptions(appInstanceId)}/${enc(subscriptionId)}`;
  }

  appSupport(appInstanceId: string, rest: string): string {
    return `${this.root}${APP_SUPPORT_BASE}/applications/${enc(appInstanceId)}/${rest}`;
  }

  terminationSubscriptions(appInstanceId: string): string {
    return this.appSupport(appInstanceId, 'subscriptions');
  }

  terminationSubscription(appInstanceId: string, subscriptionId: string): string {
    return `${this.terminationSubscriptions(appInstanceId)}/${enc(subscriptionId)}`;
  }
}

const enc = encodeURIComponent;
