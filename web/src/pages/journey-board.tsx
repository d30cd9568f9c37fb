import { Alert, App, Button, Card, Dropdown, Empty, Input, Modal, Select, Space, Tag, Tooltip } from 'antd';
import { MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { DndContext, DragOverlay, PointerSensor, useDraggable, useDroppable, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { emptyBuilder, FilterBuilder, toFilter, useFields, type BuilderState } from '../components/filter-builder.tsx';
import { ErrorState, LoadingState, errorText } from '../components/states.tsx';
import { TierTag, TrustTag } from '../components/tags.tsx';
import { useI18n } from '../i18n/index.tsx';
import { fmtDate, fmtNumber, fmtPercent } from '../lib/format.ts';
import { useApiQuery } from '../api/query.ts';
import { useStaffName } from '../api/query.ts';

/** Stages that say the customer bought, and the one that says they have not. */
const BOUGHT = /已购买|多次购买|首购|复购|首单|已下单|成交/;
const NOT_BOUGHT = /尚未购买|未购买/;

/** Ask for the reason of a move; warn when the customer's orders contradict the target stage. */
function MoveDialog({ card, stage, stageName, onOk, onCancel }: { card: CardT; stage: string; stageName: string; onOk(reason: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const facts = useApiQuery(['journey-board.facts', card.customerId], async () => unwrap(await client.GET('/api/v1/customers/{id}', { params: { path: { id: card.customerId } } })));
  // The aggregates are an open record in the API; paidOrders is read only when it is a count.
  const paid = facts.data?.aggregates.paidOrders;
  const orders = typeof paid === 'number' ? paid : undefined;
  const warning = orders === undefined ? null
    : orders === 0 && BOUGHT.test(stageName) ? t('jb.warnNoOrder', { name: card.name ?? `#${card.customerId}`, stage })
    : orders > 0 && NOT_BOUGHT.test(stageName) ? t('jb.warnHasOrders', { name: card.name ?? `#${card.customerId}`, n: orders, stage })
    : null;
  return (
    <Modal open title={t('jb.moveTitle', { name: card.name ?? `#${card.customerId}`, stage })} onCancel={onCancel}
      okText={t('jb.moveOk')} cancelText={t('common.cancel')} okButtonProps={{ disabled: !reason.trim(), 'data-testid': 'move-confirm' } as { disabled: boolean }}
      onOk={() => onOk(reason.trim())}>
      <p className="muted">{t('jb.moveEffects')}</p>
      {warning && <Alert type="warning" showIcon title={warning} style={{ marginBottom: 12 }} data-testid="move-warning" />}
      <Input.TextArea autoFocus rows={2} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('jb.reasonPlaceholder')} data-testid="move-reason" />
    </Modal>
  );
}

type Board = Answer<'/api/v1/journeys/{id}/board'>;
type Column = Board['columns'][number];
type CardT = Column['cards'][number];
type StageStat = Answer<'/api/v1/journeys/{id}/stats'>['stages'][number];
type TemplateKey = Answer<'/api/v1/journeys/templates'>['items'][number]['key'];

const CARD_H = 96;

export function JourneyBoardPage() {
  const { ref } = useParams();
  const { t, lang } = useI18n();
  const nav = useNavigate();
  const { message } = App.useApp();
  const journeys = useApiQuery(['journey-board.journeys'], async () => unwrap(await client.GET('/api/v1/journeys')));
  const templates = useApiQuery(['journey-board.templates'], async () => unwrap(await client.GET('/api/v1/journeys/templates')));
  const current = ref ?? (journeys.data?.items[0] ? String(journeys.data.items[0].journeyId) : undefined);
  const fields = useFields();
  const [builder, setBuilder] = useState<BuilderState>(emptyBuilder);
  const [filterOpen, setFilterOpen] = useState(false);
  const filter = useMemo(() => toFilter(builder, fields.data?.fields ?? []), [builder, fields.data]);
  const filterText = filter ? JSON.stringify(filter) : undefined;
  const board = useApiQuery(['journey-board.board', current, filterText], async () => unwrap(await client.GET('/api/v1/journeys/{id}/board', { params: { path: { id: current! }, query: { limit: 200, filter: filterText } } })), { enabled: !!current });
  const stats = useApiQuery(['journey-board.stats', current], async () => unwrap(await client.GET('/api/v1/journeys/{id}/stats', { params: { path: { id: current! } } })), { enabled: !!current });
  const [dragging, setDragging] = useState<CardT | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));

  const label = (j: { name: string; labelEn?: string | null }) => (lang === 'en' && j.labelEn ? j.labelEn : j.name);
  const stageLabel = (stageId: number, fallback: string) => {
    const s = board.data?.journey.stages.find((x) => x.stageId === stageId);
    return lang === 'en' && s?.labelEn ? s.labelEn : fallback;
  };

  // A move has real side effects (tags, SOPs, rules): it asks for the reason, warns when the
  // customer's facts contradict the target stage, and can be undone.
  const [asking, setAsking] = useState<{ card: CardT; from: number | undefined; to: number }>();
  const doMove = async (card: CardT, stageId: number, reason: string, from?: number) => {
    const j = board.data?.journey;
    if (!j) return;
    const name = card.name ?? `#${card.customerId}`;
    const stage = stageLabel(stageId, board.data?.columns.find((c) => c.stageId === stageId)?.stage ?? '');
    try {
      const r = unwrap(await client.POST('/api/v1/journeys/{id}/moves', { params: { path: { id: String(j.journeyId) } }, body: {
        customerIds: [card.customerId], stage: stageId, reason,
      } }));
      if (r.refused.length) message.warning(t('jb.refusedPlain'));
      else if (r.moved.length) {
        const key = `move-${card.customerId}-${Date.now()}`;
        message.success({
          key, duration: 8,
          content: <span data-testid="move-done">{t('jb.moved', { name, stage })}
            {from !== undefined && <Button type="link" size="small" data-testid="move-undo" onClick={() => { message.destroy(key); void doMove(card, from, t('jb.undoReason', { reason })); }}>{t('jb.undo')}</Button>}
          </span>,
        });
      }
      board.reload(); stats.reload();
    } catch (e) { message.error(errorText(e, t)); }
  };
  const move = (card: CardT, stageId: number, from?: number) => setAsking({ card, from, to: stageId });
  const onDragEnd = (e: DragEndEvent) => {
    setDragging(null);
    const card = e.active.data.current?.card as CardT | undefined;
    const from = e.active.data.current?.stageId as number | undefined;
    const to = e.over?.data.current?.stageId as number | undefined;
    if (card && to !== undefined && to !== from) move(card, to, from);
  };
  const install = async (key: TemplateKey) => {
    try {
      const j = unwrap(await client.POST('/api/v1/journeys/templates/{key}', { params: { path: { key } } }));
      message.success(t('jb.installed', { name: label(j) }));
      journeys.reload(); templates.reload(); nav(`/journeys/${j.journeyId}`);
    } catch (e) { message.error(errorText(e, t)); }
  };
  const notInstalled = (templates.data?.items ?? []).filter((x) => x.journeyId === null);

  if (journeys.error) return <ErrorState error={journeys.error} onRetry={journeys.reload} />;
  if (!journeys.data) return <LoadingState rows={8} />;
  return (
    <div data-testid="journey-board">
      <div className="page-head">
        <Space>
          <h2>{t('jb.title')}</h2>
          {journeys.data.items.length > 0 && (
            <Select style={{ width: 280 }} value={current ? Number(current) || current : undefined} onChange={(v) => nav(`/journeys/${v}`)} data-testid="journey-select"
              options={journeys.data.items.map((j) => ({ value: j.journeyId, label: `${label(j)} · ${j.ordered ? t('jb.ordered') : t('jb.unordered')}` }))} />
          )}
        </Space>
        <Space>
          <Button onClick={() => setFilterOpen((v) => !v)} type={filter ? 'primary' : 'default'}>{t('jb.filter')}</Button>
          {notInstalled.length > 0 && (
            <Dropdown menu={{ items: notInstalled.map((x) => ({ key: x.key, label: lang === 'en' && x.labelEn ? x.labelEn : x.name, onClick: () => void install(x.key) })) }}>
              <Button icon={<PlusOutlined />}>{t('jb.install')}</Button>
            </Dropdown>
          )}
        </Space>
      </div>
      {filterOpen && <div style={{ marginBottom: 12 }}><FilterBuilder state={builder} onChange={setBuilder} fields={fields.data?.fields ?? []} /></div>}
      {journeys.data.items.length === 0 ? (
        <Card><Empty description={t('jb.none')}>
          <Space wrap>{(templates.data?.items ?? []).map((x) => <Button key={x.key} onClick={() => void install(x.key)}>{lang === 'en' && x.labelEn ? x.labelEn : x.name}</Button>)}</Space>
        </Empty></Card>
      ) : (
        <>
          <p className="page-hint">{t('jb.dragHint')}</p>
          {board.error ? <ErrorState error={board.error} onRetry={board.reload} /> : !board.data ? <LoadingState rows={8} /> : (
            <DndContext sensors={sensors} accessibility={{ screenReaderInstructions: { draggable: t('jb.srInstructions') } }} onDragStart={(e) => setDragging(e.active.data.current?.card as CardT)} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)}>
              <div className="kanban">
                {board.data.columns.map((col) => {
                  const st = stats.data?.stages.find((s) => s.stageId === col.stageId);
                  return (
                    <StageColumn key={col.stageId} col={col} title={stageLabel(col.stageId, col.stage)} journeyId={board.data!.journey.journeyId}
                      sub={!st || st.completedStays === 0 ? (st ? t('jb.noStays') : '') : `${t('jb.left', { n: fmtNumber(st.completedStays) })} ` + [
                        st.medianDaysInStage != null ? t('jb.median', { n: st.medianDaysInStage < 0.1 ? '< 0.1' : st.medianDaysInStage.toFixed(1) }) : '',
                        st.conversionToNext != null ? t('jb.conversion', { p: fmtPercent(st.conversionToNext) }) : ''].filter(Boolean).join(' · ')}
                      stages={board.data!.columns.map((c) => ({ stageId: c.stageId, name: stageLabel(c.stageId, c.stage) }))} onMove={move} />
                  );
                })}
              </div>
              <DragOverlay>{dragging ? <CardView card={dragging} /> : null}</DragOverlay>
            </DndContext>
          )}
          {asking && board.data && (
            <MoveDialog card={asking.card} stage={stageLabel(asking.to, board.data.columns.find((c) => c.stageId === asking.to)?.stage ?? '')}
              stageName={board.data.columns.find((c) => c.stageId === asking.to)?.stage ?? ''}
              onCancel={() => setAsking(undefined)} onOk={(reason) => { const a = asking; setAsking(undefined); void doMove(a.card, a.to, reason, a.from); }} />
          )}
        </>
      )}
    </div>
  );
}

function StageColumn({ col, title, sub, stages, onMove, journeyId }: {
  col: Column; title: string; sub: string; stages: { stageId: number; name: string }[]; onMove(c: CardT, stageId: number, from?: number): void; journeyId: number;
}) {
  const { t } = useI18n();
  const { setNodeRef, isOver } = useDroppable({ id: `stage-${col.stageId}`, data: { stageId: col.stageId } });
  const [cards, setCards] = useState(col.cards);
  const [cursor, setCursor] = useState(col.nextCursor);
  const [loadingMore, setLoadingMore] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  useEffect(() => { setCards(col.cards); setCursor(col.nextCursor); }, [col]);
  // Columns can hold tens of thousands of customers: only the visible cards are rendered.
  const v = useVirtualizer({ count: cards.length, getScrollElement: () => scrollRef.current, estimateSize: () => CARD_H, overscan: 6 });
  const more = async () => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const r = unwrap(await client.GET('/api/v1/journeys/{id}/stages/{stageId}/cards', { params: { path: { id: String(journeyId), stageId: String(col.stageId) }, query: { cursor, limit: 200 } } }));
      setCards((c) => [...c, ...r.cards]); setCursor(r.nextCursor);
    } finally { setLoadingMore(false); }
  };
  const items = v.getVirtualItems();
  const last = items[items.length - 1];
  if (last && last.index >= cards.length - 10 && cursor && !loadingMore) void more();
  return (
    <div className={`kanban-col${isOver ? ' over' : ''}`} ref={setNodeRef} data-testid={`kcol-${col.stage}`} data-stage-id={col.stageId}>
      <div className="kanban-col-head"><span>{title}</span><Tag color="#13a38b" data-testid="stage-count">{fmtNumber(col.count)}</Tag></div>
      {sub && <div className="kanban-col-sub">{sub}</div>}
      <div className="kanban-scroll" ref={scrollRef}>
        {cards.length === 0 ? <div className="muted" style={{ padding: 16, textAlign: 'center' }}>{t('jb.stageEmpty')}</div> : (
          <div style={{ height: v.getTotalSize(), position: 'relative' }}>
            {items.map((it) => (
              <div key={cards[it.index]!.customerId} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${it.start}px)`, height: CARD_H, paddingBottom: 8 }}>
                <DraggableCard card={cards[it.index]!} stageId={col.stageId} stages={stages} onMove={onMove} />
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

function DraggableCard({ card, stageId, stages, onMove }: { card: CardT; stageId: number; stages: { stageId: number; name: string }[]; onMove(c: CardT, s: number, from?: number): void }) {
  const { t } = useI18n();
  const { setNodeRef, listeners, attributes, isDragging } = useDraggable({ id: `card-${card.customerId}`, data: { card, stageId } });
  return (
    <div ref={setNodeRef} {...listeners} {...attributes} tabIndex={-1} className={isDragging ? 'dragging' : ''} data-testid={`kcard-${card.customerId}`}>
      <CardView card={card} menu={
        <Dropdown trigger={['click']} menu={{ items: stages.filter((s) => s.stageId !== stageId).map((s) => ({ key: String(s.stageId), label: s.name, onClick: () => onMove(card, s.stageId, stageId) })) }}>
          <Tooltip title={t('jb.moveTo')}>
            <Button size="small" type="text" icon={<MoreOutlined />} aria-label={t('jb.moveTo')} data-testid="card-move" onPointerDown={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()} />
          </Tooltip>
        </Dropdown>
      } />
    </div>
  );
}

function CardView({ card, menu }: { card: CardT; menu?: React.ReactNode }) {
  const { t } = useI18n();
  const staffName = useStaffName();
  return (
    <div className="kcard">
      <div className="kcard-name">
        <Link to={`/customers/${card.customerId}`} onPointerDown={(e) => e.stopPropagation()}>{card.name ?? t('cust.unnamed')}</Link>
        {menu}
      </div>
      <div className="kcard-meta">
        <TrustTag level={card.trustLevel} /><TierTag tier={card.valueTier} />
      </div>
      <div className="kcard-sub muted">
        <span>{staffName(card.ownerStaff)}</span><span> · {fmtDate(card.enteredAt)}</span>
      </div>
    </div>
  );
}
