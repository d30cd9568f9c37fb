import { Alert, App, Button, Card, Drawer, Dropdown, Form, Image, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Upload } from 'antd';
import { FileOutlined, LinkOutlined, AppstoreOutlined, PictureOutlined, FontSizeOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../api/auth.tsx';
import { useApiQuery } from '../api/query.ts';
import { Loadable, errorText } from '../components/states.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { fmtDateTime } from '../lib/format.ts';

type Material = Answer<'/api/v1/materials'>['items'][number];
type Kind = Material['kind'];
type StoredFile = NonNullable<Material['file']>;
const KINDS: Kind[] = ['text', 'image', 'link', 'miniprogram', 'file'];
const ICONS: Record<Kind, React.ReactNode> = {
  text: <FontSizeOutlined />, image: <PictureOutlined />, link: <LinkOutlined />, miniprogram: <AppstoreOutlined />, file: <FileOutlined />,
};
const kindKey = (k: Kind) => `materials.kind.${k}` as MsgKey;
const fileUrl = (id: number) => `/api/v1/materials/files/${id}`;
const size = (n: number) => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1000))} KB`);

function cookie(name: string): string | undefined {
  const hit = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : undefined;
}

/** The upload route takes the raw bytes (not JSON), so it is called directly. */
async function uploadFile(file: File): Promise<StoredFile> {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  const csrf = cookie('siyu_csrf');
  if (csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(`/api/v1/materials/files?filename=${encodeURIComponent(file.name)}`, { method: 'POST', body: file, headers, credentials: 'same-origin' });
  const body = await res.json().catch(() => ({})) as { code?: string; message?: string };
  if (!res.ok) throw new ApiError(res.status, body.code ?? `http_${res.status}`, body.message ?? res.statusText);
  return body as StoredFile;
}

export function MaterialsPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const manager = me?.role !== 'staff';
  const [kind, setKind] = useState<Kind>();
  const [tag, setTag] = useState<string>();
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<'recent' | 'engagement'>('engagement');
  const [editing, setEditing] = useState<Kind | null>(null);
  const [previewing, setPreviewing] = useState<Material | null>(null);
  const list = useApiQuery(['materials', kind, tag, q, sort], async () =>
    unwrap(await client.GET('/api/v1/materials', { params: { query: { sort, ...(kind ? { kind } : {}), ...(tag ? { tag } : {}), ...(q ? { q } : {}) } } })));
  const allTags = [...new Set((list.data?.items ?? []).flatMap((m) => m.tags))];

  const remove = async (m: Material) => {
    try {
      unwrap(await client.DELETE('/api/v1/materials/{id}', { params: { path: { id: String(m.materialId) } } }));
      message.success(t('common.deleted')); list.reload();
    } catch (e) { message.error(errorText(e, t)); }
  };

  return (
    <div data-testid="materials-page">
      <div className="page-head">
        <h2>{t('materials.title')}</h2>
        {manager && (
          <Dropdown menu={{ items: KINDS.map((k) => ({ key: k, icon: ICONS[k], label: t(kindKey(k)) })), onClick: ({ key }) => setEditing(key as Kind) }}>
            <Button type="primary" icon={<PlusOutlined />} data-testid="materials-new">{t('materials.new')}</Button>
          </Dropdown>
        )}
      </div>
      <p className="muted" style={{ marginTop: 0 }}>{t('materials.hint')}</p>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select<Kind> allowClear placeholder={t('materials.kind')} style={{ width: 140 }} value={kind} onChange={setKind}
            options={KINDS.map((k) => ({ value: k, label: t(kindKey(k)) }))} />
          <Select allowClear placeholder={t('materials.filterTag')} style={{ width: 160 }} value={tag} onChange={setTag} options={allTags.map((x) => ({ value: x, label: x }))} />
          <Select value={sort} onChange={setSort} style={{ width: 140 }}
            options={[{ value: 'engagement', label: t('materials.sortEngagement') }, { value: 'recent', label: t('materials.sortRecent') }]} />
          <Input.Search allowClear placeholder={t('materials.search')} style={{ width: 240 }} onSearch={setQ} />
        </Space>
        <Loadable state={list} empty={t('materials.empty')} isEmpty={(d) => d.total === 0 && !kind && !tag && !q}>
          {(d) => (
            <Table<Material> rowKey="materialId" size="small" dataSource={d.items} pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { n }) }}
              columns={[
                {
                  title: t('materials.kind'), dataIndex: 'kind', width: 110,
                  render: (k: Kind) => <Tag icon={ICONS[k]}>{t(kindKey(k))}</Tag>,
                },
                {
                  title: t('materials.titleField'), dataIndex: 'title',
                  render: (_: string, m) => (
                    <Space>
                      {m.kind === 'image' && m.file && <Image width={40} height={40} style={{ objectFit: 'cover' }} src={fileUrl(m.file.fileId)} alt={m.title} />}
                      {m.cover && <Image width={40} height={40} style={{ objectFit: 'cover' }} src={fileUrl(m.cover.fileId)} alt={m.title} />}
                      <div>
                        <div>{m.title}</div>
                        <div className="muted" style={{ fontSize: 12 }}>
                          {m.text ?? m.url ?? (m.appid ? `${m.appid} · ${m.page}` : m.file ? <a href={fileUrl(m.file.fileId)} target="_blank" rel="noreferrer">{m.file.filename} · {size(m.file.sizeBytes)}</a> : null)}
                        </div>
                      </div>
                    </Space>
                  ),
                },
                { title: t('materials.contentId'), dataIndex: 'contentId', width: 150, render: (v: string) => <code>{v}</code> },
                { title: t('materials.tags'), dataIndex: 'tags', width: 160, render: (v: string[]) => v.map((x) => <Tag key={x}>{x}</Tag>) },
                {
                  title: t('materials.engagement'), dataIndex: 'engagement', width: 110,
                  render: (e: Material['engagement']) => <Tooltip title={t('materials.engagementTip', e)}><span>{e.views} / {e.shares}</span></Tooltip>,
                },
                { title: t('materials.products'), dataIndex: 'productIds', width: 120, render: (v: string[]) => v.join(', ') || '—' },
                { title: t('materials.updated'), dataIndex: 'updatedAt', width: 150, render: (v: string) => fmtDateTime(v) },
                {
                  title: t('common.actions'), width: 150,
                  render: (_: unknown, m) => (
                    <Space>
                      <Button size="small" onClick={() => setPreviewing(m)}>{t('materials.preview')}</Button>
                      {manager && (
                        <Popconfirm title={t('materials.deleteConfirm')} onConfirm={() => void remove(m)}>
                          <Button size="small" danger>{t('common.delete')}</Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]} />
          )}
        </Loadable>
      </Card>
      {editing && <MaterialForm kind={editing} onClose={(saved) => { setEditing(null); if (saved) list.reload(); }} />}
      {previewing && <PreviewModal material={previewing} onClose={() => setPreviewing(null)} />}
    </div>
  );
}

function FileField({ value, onChange }: { value?: number; onChange?: (id: number) => void }) {
  const { t } = useI18n();
  const [stored, setStored] = useState<StoredFile>();
  const [err, setErr] = useState<string>();
  return (
    <div>
      <Upload showUploadList={false} customRequest={async ({ file }) => {
        setErr(undefined);
        try {
          const f = await uploadFile(file as File);
          setStored(f); onChange?.(f.fileId);
        } catch (e) {
          setErr(e instanceof ApiError && (e.status === 413 || e.status === 415 || e.status === 422) ? t('materials.uploadRefused') : errorText(e, t));
        }
      }}>
        <Button icon={<UploadOutlined />}>{t('materials.upload')}</Button>
      </Upload>
      {stored && value === stored.fileId && <div className="muted" style={{ marginTop: 4 }}>{t('materials.uploaded', { name: stored.filename, size: size(stored.sizeBytes) })}</div>}
      {err && <Alert type="error" showIcon title={err} style={{ marginTop: 8 }} />}
    </div>
  );
}

function MaterialForm({ kind, onClose }: { kind: Kind; onClose(saved: boolean): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string>();
  const save = async (v: Record<string, unknown>) => {
    setBusy(true); setErr(undefined);
    const filled = Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== '' && !(Array.isArray(x) && x.length === 0));
    const body = { ...Object.fromEntries(filled), kind };
    try {
      unwrap(await client.POST('/api/v1/materials', { body: body as never }));
      message.success(t('common.created')); onClose(true);
    } catch (e) { setErr(errorText(e, t)); } finally { setBusy(false); }
  };
  const hint = <span className="muted">{t('materials.uploadHint')}</span>;
  return (
    <Drawer open width={520} title={`${t('materials.new')} · ${t(kindKey(kind))}`} onClose={() => onClose(false)}
      extra={<Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="materials-save">{t('common.save')}</Button>}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="title" label={t('materials.titleField')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
        {kind === 'image' && <Form.Item name="fileId" label={t('materials.file')} rules={[{ required: true }]} extra={hint}><FileField /></Form.Item>}
        {kind === 'file' && <Form.Item name="fileId" label={t('materials.file')} rules={[{ required: true }]} extra={hint}><FileField /></Form.Item>}
        {kind === 'link' && <>
          <Form.Item name="url" label={t('materials.url')} rules={[{ required: true }]}><Input placeholder="https://" /></Form.Item>
          <Form.Item name="description" label={t('materials.description')}><Input.TextArea rows={2} maxLength={170} /></Form.Item>
          <Form.Item name="coverFileId" label={t('materials.cover')} extra={hint}><FileField /></Form.Item>
        </>}
        {kind === 'miniprogram' && <>
          <Form.Item name="appid" label={t('materials.appid')} rules={[{ required: true }]}><Input placeholder="wx…" /></Form.Item>
          <Form.Item name="page" label={t('materials.page')} rules={[{ required: true }]}><Input placeholder="pages/index/index" /></Form.Item>
          <Form.Item name="coverFileId" label={t('materials.cover')} rules={[{ required: true }]} extra={hint}><FileField /></Form.Item>
        </>}
        <Form.Item name="text" label={t('materials.text')} rules={kind === 'text' ? [{ required: true }] : []} extra={<span className="muted">{t('materials.textHint')}</span>}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="tags" label={t('materials.tags')}><Select mode="tags" /></Form.Item>
        <Form.Item name="productIds" label={t('materials.products')}><Select mode="tags" /></Form.Item>
        <Form.Item name="contentId" label={t('materials.contentId')} extra={<span className="muted">{t('materials.contentIdHint')}</span>}><Input /></Form.Item>
      </Form>
      {err && <Alert type="error" showIcon title={err} />}
    </Drawer>
  );
}

function PreviewModal({ material, onClose }: { material: Material; onClose(): void }) {
  const { t } = useI18n();
  const [customerId, setCustomerId] = useState<number | null>(null);
  const preview = useApiQuery(['materials.preview', material.materialId, customerId], async () =>
    unwrap(await client.GET('/api/v1/materials/{id}/preview', { params: { path: { id: String(material.materialId) }, query: { customerId: customerId! } } })),
  { enabled: customerId !== null });
  return (
    <Modal open title={`${t('materials.preview')} · ${material.title}`} onCancel={onClose} footer={null}>
      <p className="muted">{t('materials.previewFor')}</p>
      <InputNumber min={1} placeholder={t('materials.previewCustomer')} style={{ width: 200 }} onChange={(v) => setCustomerId(typeof v === 'number' ? v : null)} data-testid="materials-preview-customer" />
      {customerId !== null && (
        <div style={{ marginTop: 16 }}>
          <Loadable state={preview}>
            {(p) => (
              <Card size="small" title={t('materials.previewTo', { name: p.customerName ?? String(p.customerId), staff: p.staffId ?? '—' })}>
                <div style={{ fontWeight: 600 }}>{p.title}</div>
                {p.text && <div style={{ whiteSpace: 'pre-wrap', marginTop: 8 }} data-testid="materials-preview-text">{p.text}</div>}
                {p.description && <div className="muted" style={{ marginTop: 8 }}>{p.description}</div>}
                {p.unknownVariables.length > 0 && (
                  <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('materials.unknownVars', { vars: p.unknownVariables.map((v) => `{${v}}`).join(' ') })} />
                )}
              </Card>
            )}
          </Loadable>
        </div>
      )}
    </Modal>
  );
}
