'use client';
/** Translates a rule form's field error (rule-form-model's code and bad value) into the UI language. */
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { TFieldError } from './rule-form-model';

const WITH_VALUE = new Set(['address', 'port', 'protocol']);

export function useFieldError(): (error: TFieldError | undefined, ipAddressType?: string) => string | undefined {
  const t = useTranslations('edgeRules.errors');
  return useCallback((error, ipAddressType = 'IP_V4') => {
    if (!error) return undefined;
    if (WITH_VALUE.has(error.code)) return error.value !== undefined ? t(error.code as 'address', { value: error.value }) : t(`${error.code}NoValue` as 'addressNoValue');
    if (error.code === 'ipAddress') return t('ipAddress', { type: ipAddressType === 'IP_V6' ? 'IPv6' : 'IPv4' });
    if (error.code === 'invalid') return t('invalid', { message: error.message });
    return t(error.code as 'priority');
  }, [t]);
}
