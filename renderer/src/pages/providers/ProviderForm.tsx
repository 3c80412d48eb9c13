// Add or edit a provider: every provider field, grouped (connection, routing, models, limits, failover, network).
import { Button, Field, Input, Select, Spinner, Switch } from '@fluentui/react-components';
import { PlayRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Provider, ProviderTestResult, ProviderType } from '../../../../shared/api-schemas';
import { WIRE_FORMAT_NAMES } from '../../../../shared/wire-formats';
import { endpoints } from '../../api/endpoints';
import { FormDrawer } from '../../components/FormDrawer';
import { FormErrorBar } from '../../components/form/FormErrorBar';
import { FormSection, Wide } from '../../components/form/FormSection';
import { numberText } from '../../components/form/fieldErrors';
import { LimitsFields } from '../../components/form/LimitsFields';
import { TagsInput } from '../../components/form/TagsInput';
import { useDraftForm } from '../../components/form/useDraftForm';
import { HeadersEditor } from './HeadersEditor';
import { OverridesEditor } from './OverridesEditor';
import { TestResultView } from './ProviderTestDialog';
import {
  type AnthropicAuth,
  DEFAULTS,
  draftHangBounds,
  draftToCreate,
  draftToTest,
  draftToUpdate,
  type ProviderDraft,
  providerToDraft,
} from './providerDraft';
import { RuleListEditor } from './RuleListEditor';

export function ProviderForm({
  provider,
  onClose,
  onSaved,
}: {
  /** undefined: a new provider */
  provider: Provider | undefined;
  onClose(): void;
  onSaved(provider: Provider): void;
}) {
  const { t, draft, error, setError, busy, setBusy, set, fe } = useDraftForm<ProviderDraft>(() =>
    providerToDraft(provider),
  );

  const save = () => {
    setError(undefined);
    let call: Promise<Provider>;
    try {
      call = provider
        ? endpoints.updateProvider(provider.id, draftToUpdate(draft))
        : endpoints.createProvider(draftToCreate(draft));
    } catch (err) {
      setError(err);
      return;
    }
    setBusy(true);
    call.then(
      (saved) => {
        setBusy(false);
        onSaved(saved);
      },
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  // Test the form as it stands, before (or without) saving it.
  const [testing, setTesting] = useState(false);
  const [tested, setTested] = useState<ProviderTestResult | undefined>(undefined);
  const testDraft = () => {
    setError(undefined);
    setTested(undefined);
    let body: ReturnType<typeof draftToTest>;
    try {
      body = draftToTest(draft, provider?.id);
    } catch (err) {
      setError(err);
      return;
    }
    setTesting(true);
    endpoints.testProviderDraft(body).then(
      (r) => {
        setTesting(false);
        setTested(r);
      },
      (err: unknown) => {
        setTesting(false);
        setError(err);
      },
    );
  };

  const bounds = draftHangBounds(draft);
  const inSeconds = (s: number | null) => (s === null ? t('providers.never') : `${numberText(s)} s`);
  const hangHint = bounds
    ? t('providers.hangBounds', { stream: inSeconds(bounds.streamSeconds), json: inSeconds(bounds.jsonSeconds) })
    : undefined;
  const byDefault = (ms: number) => ({ seconds: numberText(ms / 1000) });

  const secondsField = (label: string, field: keyof ProviderDraft, apiField: string, hint?: string) => (
    <Field label={label} hint={hint} validationMessage={fe(apiField)}>
      <Input
        type="number"
        min={0}
        step="any"
        name={apiField}
        value={String(draft[field])}
        onChange={(_e, d) => set(field, d.value as never)}
        contentAfter={t('unit.seconds')}
      />
    </Field>
  );
  const intField = (label: string, field: keyof ProviderDraft, apiField: string, hint?: string) => (
    <Field label={label} hint={hint} validationMessage={fe(apiField)}>
      <Input
        type="number"
        step={1}
        name={apiField}
        value={String(draft[field])}
        onChange={(_e, d) => set(field, d.value as never)}
      />
    </Field>
  );

  return (
    <FormDrawer
      open
      size="large"
      title={provider ? t('providers.editTitle', { name: provider.name }) : t('providers.addTitle')}
      busy={busy}
      onClose={onClose}
      onSubmit={save}
      testId="provider-form"
    >
      <FormErrorBar error={error} />
      <FormSection title={t('providers.sectionConnection')}>
        <Field label={t('common.name')} required validationMessage={fe('name')}>
          <Input name="name" value={draft.name} onChange={(_e, d) => set('name', d.value)} />
        </Field>
        <Field label={t('providers.type')} required validationMessage={fe('type')}>
          <Select name="type" value={draft.type} onChange={(_e, d) => set('type', d.value as ProviderType)}>
            {WIRE_FORMAT_NAMES.map((type) => (
              <option key={type} value={type}>
                {t(`providerType.${type}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Wide>
          <Field
            label={t('providers.baseUrl')}
            required
            hint={t('providers.baseUrlHint')}
            validationMessage={fe('baseUrl')}
          >
            <Input
              name="baseUrl"
              type="url"
              placeholder="https://api.anthropic.com"
              value={draft.baseUrl}
              onChange={(_e, d) => set('baseUrl', d.value)}
            />
          </Field>
        </Wide>
        <Wide>
          <Field
            label={t('providers.apiKey')}
            required={!provider}
            hint={provider ? t('providers.apiKeyKeep', { masked: provider.apiKey }) : t('providers.apiKeyHint')}
            validationMessage={fe('apiKey')}
          >
            <Input
              name="apiKey"
              type="password"
              autoComplete="off"
              value={draft.apiKey}
              onChange={(_e, d) => set('apiKey', d.value)}
            />
          </Field>
        </Wide>
        {draft.type === 'anthropic' ? (
          <Field label={t('providers.anthropicAuth')} validationMessage={fe('anthropicAuth')}>
            <Select value={draft.anthropicAuth} onChange={(_e, d) => set('anthropicAuth', d.value as AnthropicAuth)}>
              <option value="both">{t('providers.authBoth')}</option>
              <option value="x-api-key">x-api-key</option>
              <option value="bearer">Authorization: Bearer</option>
            </Select>
          </Field>
        ) : null}
        <Field label={t('common.enabled')} hint={t('providers.enabledHint')}>
          <Switch
            checked={draft.enabled}
            onChange={(_e, d) => set('enabled', d.checked)}
            data-testid="provider-form-enabled"
          />
        </Field>
        <Wide>
          <div>
            <Button
              icon={testing ? <Spinner size="tiny" /> : <PlayRegular />}
              disabled={testing}
              onClick={testDraft}
              data-testid="provider-form-test"
            >
              {t('providers.testBeforeSave')}
            </Button>
          </div>
          {tested ? <TestResultView result={tested} /> : null}
        </Wide>
      </FormSection>

      <FormSection title={t('providers.sectionRouting')} hint={t('providers.routingHint')}>
        {intField(t('providers.priority'), 'priority', 'priority', t('providers.priorityHint'))}
        {intField(t('providers.weight'), 'weight', 'weight')}
        <Field label={t('providers.costMultiplier')} validationMessage={fe('costMultiplier')}>
          <Input
            type="number"
            min={0}
            step="any"
            name="costMultiplier"
            value={draft.costMultiplier}
            onChange={(_e, d) => set('costMultiplier', d.value)}
          />
        </Field>
        <Field label={t('providers.sticky')} hint={t('providers.stickyHint')}>
          <Switch checked={draft.sticky} onChange={(_e, d) => set('sticky', d.checked)} />
        </Field>
        <Wide>
          <Field label={t('common.groups')} hint={t('providers.groupsHint')} validationMessage={fe('groups')}>
            <TagsInput value={draft.groups} onChange={(v) => set('groups', v)} placeholder={t('common.addGroup')} />
          </Field>
        </Wide>
        <Field label={t('providers.schedule')} hint={t('providers.scheduleHint')}>
          <Switch checked={draft.scheduleOn} onChange={(_e, d) => set('scheduleOn', d.checked)} />
        </Field>
        {draft.scheduleOn ? (
          <>
            <Field label={t('providers.scheduleStart')} validationMessage={fe('schedule.start')}>
              <Input type="time" value={draft.scheduleStart} onChange={(_e, d) => set('scheduleStart', d.value)} />
            </Field>
            <Field label={t('providers.scheduleEnd')} validationMessage={fe('schedule.end')}>
              <Input type="time" value={draft.scheduleEnd} onChange={(_e, d) => set('scheduleEnd', d.value)} />
            </Field>
          </>
        ) : null}
      </FormSection>

      <FormSection title={t('providers.sectionModels')}>
        <Wide>
          <Field
            label={t('providers.allowedModels')}
            hint={t('providers.allowedModelsHint')}
            validationMessage={fe('allowedModels')}
          >
            <RuleListEditor
              rules={draft.allowedModels}
              onChange={(v) => set('allowedModels', v)}
              withTarget={false}
              blank={{ match: 'exact', pattern: '' }}
              testId="allowed-models"
            />
          </Field>
        </Wide>
        <Wide>
          <Field
            label={t('providers.modelRedirects')}
            hint={t('providers.modelRedirectsHint')}
            validationMessage={fe('modelRedirects')}
          >
            <RuleListEditor
              rules={draft.modelRedirects}
              onChange={(v) => set('modelRedirects', v)}
              withTarget
              blank={{ match: 'exact', pattern: '', target: '' }}
              testId="model-redirects"
            />
          </Field>
        </Wide>
      </FormSection>

      <FormSection title={t('providers.sectionLimits')} hint={t('limits.hint')}>
        <Wide>
          <LimitsFields value={draft.limits} onChange={(v) => set('limits', v)} error={error} />
        </Wide>
      </FormSection>

      <FormSection title={t('providers.sectionFailover')} hint={hangHint}>
        {intField(t('providers.attempts'), 'attempts', 'attempts')}
        {intField(
          t('providers.failureThreshold'),
          'failureThreshold',
          'breaker.failureThreshold',
          t('providers.failureThresholdHint'),
        )}
        {secondsField(t('providers.openDuration'), 'openSeconds', 'breaker.openMs')}
        {intField(t('providers.halfOpenSuccesses'), 'halfOpenSuccesses', 'breaker.halfOpenSuccesses')}
        <Field label={t('providers.countNetworkErrors')}>
          <Switch checked={draft.countNetworkErrors} onChange={(_e, d) => set('countNetworkErrors', d.checked)} />
        </Field>
        <Wide />
        {secondsField(
          t('providers.connectTimeout'),
          'connectSeconds',
          'timeouts.connectMs',
          t('providers.connectTimeoutHint', byDefault(DEFAULTS.timeouts.connectMs)),
        )}
        {secondsField(
          t('providers.firstByteTimeout'),
          'firstByteSeconds',
          'timeouts.firstByteMs',
          t('providers.firstByteTimeoutHint', byDefault(DEFAULTS.timeouts.firstByteMs)),
        )}
        {secondsField(
          t('providers.idleTimeout'),
          'idleSeconds',
          'timeouts.idleMs',
          t('providers.idleTimeoutHint', byDefault(DEFAULTS.timeouts.idleMs)),
        )}
        {secondsField(
          t('providers.totalTimeout'),
          'totalSeconds',
          'timeouts.totalMs',
          t('providers.totalTimeoutHint', byDefault(DEFAULTS.timeouts.totalMs)),
        )}
      </FormSection>

      <FormSection title={t('providers.sectionNetwork')}>
        <Wide>
          <Field label={t('providers.proxyUrl')} hint={t('providers.proxyUrlHint')} validationMessage={fe('proxyUrl')}>
            <Input
              name="proxyUrl"
              placeholder="socks5://127.0.0.1:1080"
              value={draft.proxyUrl}
              onChange={(_e, d) => set('proxyUrl', d.value)}
            />
          </Field>
        </Wide>
        <Field label={t('providers.forwardClientIp')}>
          <Switch checked={draft.forwardClientIp} onChange={(_e, d) => set('forwardClientIp', d.checked)} />
        </Field>
        {draft.type === 'openai-responses' && (
          <Field label={t('providers.websocket')}>
            <Switch checked={draft.websocket} onChange={(_e, d) => set('websocket', d.checked)} />
          </Field>
        )}
        <Wide>
          <Field label={t('providers.headers')} validationMessage={fe('headers')}>
            <HeadersEditor rows={draft.headers} onChange={(v) => set('headers', v)} />
          </Field>
        </Wide>
      </FormSection>

      <FormSection title={t('overrides.section')} hint={t('overrides.hint')}>
        <OverridesEditor value={draft.overrides} onChange={(v) => set('overrides', v)} fe={fe} />
      </FormSection>
    </FormDrawer>
  );
}
