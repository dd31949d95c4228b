/** Message keys cannot hold dots (next-intl reads them as nesting): `app.version.publish` -> `app_version_publish`. */
export const auditActionKey = (action: string): string => action.replaceAll('.', '_');
