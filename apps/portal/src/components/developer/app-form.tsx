'use client';
/**
 * The listing form, for "create app" and "edit listing". Validates on submit with the API's
 * zod contracts, then shows the server's problem+json `errors[].field` under the fields they name
 * (a duplicate slug, for example); anything else shows as a problem above the buttons.
 */
import { APP_CATEGORIES } from '@mecport/contracts';
import { Alert, Button, Group, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { TApiProblem } from '@/components/ui/api-problem';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { serverFieldErrors, slugify, validateAppForm, type TAppFormField, type TAppFormValues, type TClientErrorCode, type TFormErrors } from './app-form-model';

const CODES: readonly TClientErrorCode[] = ['required', 'tooLong', 'tooMany', 'invalidUrl', 'invalidSlug', 'invalid'];

export interface TAppFormProps {
  mode: 'create' | 'edit';
  initial: TAppFormValues;
  /** Sends the form; resolves to the server's problem, or null when it was saved. */
  onSubmit: (values: TAppFormValues) => Promise<TApiProblem | null>;
  onCancel?: () => void;
}

export function AppForm({ mode, initial, onSubmit, onCancel }: TAppFormProps) {
  const t = useTranslations('developer.form');
  const tStore = useTranslations('store');
  const [values, setValues] = useState<TAppFormValues>(initial);
  const [slugEdited, setSlugEdited] = useState(mode === 'edit');
  const [errors, setErrors] = useState<TFormErrors>({});
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const message = (code: string | undefined) => (code === undefined ? undefined : (CODES as readonly string[]).includes(code) ? t(`errors.${code as TClientErrorCode}`) : code);
  const err = (field: TAppFormField) => message(errors[field]);
  const set = <K extends TAppFormField>(field: K, value: TAppFormValues[K]) => {
    setSaved(false);
    setValues((v) => {
      const next = { ...v, [field]: value };
      if (field === 'name' && !slugEdited) next.slug = slugify(value as string);
      return next;
    });
    setErrors((e) => ({ ...e, [field]: undefined, ...(field === 'name' && !slugEdited ? { slug: undefined } : {}) }));
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setSaved(false);
    const found = validateAppForm(values, mode, initial);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      const first = Object.keys(found)[0];
      document.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await onSubmit(values);
      if (result) {
        const fields = serverFieldErrors(result.errors);
        setErrors(fields);
        // field errors show under their fields; the problem's facts (and request ID) stay visible too
        setProblem(result);
      } else {
        setSaved(true);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid={`app-form-${mode}`}>
    <Stack gap="md" maw={860}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('name')} required value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={err('name')} maxLength={120} data-field="name" />
        <TextInput label={t('nameZh')} value={values.nameZh} onChange={(e) => set('nameZh', e.currentTarget.value)} error={err('nameZh')} maxLength={120} lang="zh-CN" data-field="nameZh" />
        {mode === 'create' ? (
          <TextInput label={t('slug')} description={t('slugHelp')} required value={values.slug} data-field="slug"
            onChange={(e) => { setSlugEdited(true); set('slug', e.currentTarget.value); }} error={err('slug')} maxLength={63} />
        ) : (
          <TextInput label={t('slug')} description={t('slugFixed')} value={values.slug} readOnly disabled />
        )}
        <TextInput label={t('provider')} required value={values.provider} onChange={(e) => set('provider', e.currentTarget.value)} error={err('provider')} maxLength={120} data-field="provider" />
        <Select label={t('category')} required placeholder={t('choose')} data={APP_CATEGORIES.map((c) => ({ value: c, label: tStore(`categories.${c}`) }))}
          value={values.category || null} onChange={(v) => set('category', (v ?? '') as TAppFormValues['category'])} error={err('category')} data-field="category" />
        <TextInput label={t('industry')} value={values.industry} onChange={(e) => set('industry', e.currentTarget.value)} error={err('industry')} maxLength={80} data-field="industry" />
      </SimpleGrid>
      <TagsInput label={t('tags')} description={t('tagsHelp')} value={values.tags} onChange={(v) => set('tags', v)} error={err('tags')} maxTags={20} clearable data-field="tags" />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Textarea label={t('descriptionEn')} description={t('markdownHelp')} value={values.descriptionEn} onChange={(e) => set('descriptionEn', e.currentTarget.value)}
          error={err('descriptionEn')} autosize minRows={5} maxRows={16} maxLength={20000} lang="en" data-field="descriptionEn" />
        <Textarea label={t('descriptionZh')} description={t('markdownHelp')} value={values.descriptionZh} onChange={(e) => set('descriptionZh', e.currentTarget.value)}
          error={err('descriptionZh')} autosize minRows={5} maxRows={16} maxLength={20000} lang="zh-CN" data-field="descriptionZh" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('iconUrl')} placeholder="https://" type="url" value={values.iconUrl} onChange={(e) => set('iconUrl', e.currentTarget.value)} error={err('iconUrl')} data-field="iconUrl" />
        <TextInput label={t('videoUrl')} placeholder="https://" type="url" value={values.videoUrl} onChange={(e) => set('videoUrl', e.currentTarget.value)} error={err('videoUrl')} data-field="videoUrl" />
      </SimpleGrid>
      <TagsInput label={t('screenshots')} description={t('screenshotsHelp')} value={values.screenshots} onChange={(v) => set('screenshots', v)} error={err('screenshots')} maxTags={10} clearable data-field="screenshots" />
      {errors.form && <Alert color="red" variant="light" data-testid="app-form-error">{message(errors.form)}</Alert>}
      {problem && <ProblemAlert heading={mode === 'create' ? t('createFailed') : t('saveFailed')} problem={problem} testId="app-form-problem" />}
      {saved && mode === 'edit' && <Text c="green.9" role="status" data-testid="app-form-saved">{t('saved')}</Text>}
      <Group>
        <Button type="submit" loading={busy} data-testid="app-form-submit">{mode === 'create' ? t('create') : t('save')}</Button>
        {onCancel && <Button variant="default" onClick={onCancel}>{t('cancel')}</Button>}
      </Group>
    </Stack>
    </form>
  );
}
