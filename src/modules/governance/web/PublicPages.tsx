import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Result, Skeleton, Space, Tag } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { publicBase, usePublicBoard, usePublicNotice, type PublicNotice, type Tracking } from './api.ts';
import { NoticeSheet, PhaseTag, usePeriodText } from './components.tsx';
import { label, STATE_LABELS, text } from './text.ts';
import './governance.css';

function Gone({ error }: { error: Error }) {
  const { t } = useI18n();
  const gone = error instanceof ApiError && error.status === 404;
  return (
    <main className="gov-public">
      <Result status={gone ? '404' : 'error'} title={gone ? t(text.boardGone) : error.message} subTitle={gone ? t(text.boardGoneSub) : undefined} />
    </main>
  );
}

function Propose({ token }: { token: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string; phone?: string; address?: string; title: string; background: string }>();
  const [code, setCode] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (v: { name: string; phone?: string; address?: string; title: string; background: string }) =>
      api<{ trackingCode: string }>('POST', `${publicBase(token)}/proposals`, { ...v, phone: v.phone || null, address: v.address || null }),
    onSuccess: (r) => (setCode(r.trackingCode), form.resetFields()),
  });
  return (
    <section className="gov-public-section no-print" aria-labelledby="gov-propose">
      <h2 id="gov-propose">{t(text.proposeTitle)}</h2>
      {code ? (
        <Result
          status="success"
          title={t(text.proposalSent)}
          subTitle={<span className="gov-code" data-testid="gov-tracking-code">{code}</span>}
          extra={<Button size="large" onClick={() => setCode(null)}>{t(text.sendAnother)}</Button>}
        />
      ) : (
        <>
          <p className="gov-muted">{t(text.proposeIntro)}</p>
          <Form form={form} layout="vertical" size="large" requiredMark={false} onFinish={(v) => send.mutate(v)}>
            <Form.Item name="title" label={t(text.title)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="background" label={t(text.background)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} />
            </Form.Item>
            <Form.Item name="name" label={t(text.yourName)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="phone" label={t(text.yourPhone)}>
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
            <Form.Item name="address" label={t(text.yourAddress)}>
              <Input maxLength={60} />
            </Form.Item>
            {send.error && <Alert type="error" showIcon role="alert" title={send.error.message} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" size="large" block loading={send.isPending}>
              {t(text.submit)}
            </Button>
          </Form>
        </>
      )}
    </section>
  );
}

function Track({ token }: { token: string }) {
  const { t, lang } = useI18n();
  const [result, setResult] = useState<Tracking | null>(null);
  const look = useMutation({ mutationFn: (code: string) => api<Tracking>('GET', `${publicBase(token)}/proposals/${encodeURIComponent(code.trim())}`), onSuccess: setResult, onError: () => setResult(null) });
  return (
    <section className="gov-public-section no-print" aria-labelledby="gov-track">
      <h2 id="gov-track">{t(text.trackTitle)}</h2>
      <Input.Search size="large" placeholder={t(text.trackPlaceholder)} enterButton={t(text.track)} onSearch={(v) => v.trim() && look.mutate(v)} loading={look.isPending} maxLength={16} aria-label={t(text.trackTitle)} />
      {look.error && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={look.error instanceof ApiError && look.error.status === 404 ? t(text.trackNotFound) : look.error.message} />}
      {result && (
        <div className="gov-track-result" data-testid="gov-track-result">
          <div className="gov-track-title">{result.title}</div>
          <Tag color="red" style={{ fontSize: 16, padding: '2px 10px' }}>
            {label(STATE_LABELS, result.state, lang)}
          </Tag>
          <div className="gov-muted">
            {result.submittedAt.slice(0, 10)}
            {result.meetingTitle ? ` · ${result.meetingDate} ${result.meetingTitle}` : ''}
            {result.resolutionNumber ? ` · ${result.resolutionNumber}` : ''}
          </div>
        </div>
      )}
    </section>
  );
}

function NoticeCard({ token, n }: { token: string; n: PublicNotice }) {
  const { t } = useI18n();
  const period = usePeriodText();
  return (
    <article className="gov-public-card" data-testid="gov-public-notice">
      <div className="gov-public-card-head">
        <Link to={`/gov/${encodeURIComponent(token)}/notices/${n.id}`} className="gov-public-card-title">
          {n.title}
        </Link>
        <PhaseTag phase={n.phase} outcome={n.outcome} />
      </div>
      <div className="gov-muted">
        {t(text.period, { from: n.startDate, to: n.endDate })}（{period(n.periodRule, n.periodLength)}）
        {n.objections.length ? ` · ${t(text.objections)} ${n.objections.length}` : ''}
      </div>
      <Link to={`/gov/${encodeURIComponent(token)}/notices/${n.id}`}>{t(n.phase === 'open' ? text.readMore : text.readOnly)} ›</Link>
    </article>
  );
}

/** /gov/:token — the community's public notice board: no sign-in, large type, works on a phone. */
export function PublicBoardPage() {
  const { t } = useI18n();
  const { token = '' } = useParams();
  const q = usePublicBoard(token);
  const b = q.data;
  useEffect(() => {
    if (b) document.title = `${b.community} · ${t(text.publicTitle)}`;
  }, [b, t]);
  if (q.error) return <Gone error={q.error} />;
  if (!b)
    return (
      <main className="gov-public">
        <Skeleton active paragraph={{ rows: 8 }} />
      </main>
    );
  const up = b.notices.filter((n) => n.phase === 'open');
  const past = b.notices.filter((n) => n.phase !== 'open');
  return (
    <main className="gov-public">
      <header className="gov-public-header">
        <div className="gov-public-community">{b.community}</div>
        <h1>{t(text.publicTitle)}</h1>
      </header>
      <section className="gov-public-section">
        <h2>{t(text.upNow)}</h2>
        {up.length === 0 ? <p className="gov-muted">{t(text.nothingUp)}</p> : up.map((n) => <NoticeCard key={n.id} token={token} n={n} />)}
      </section>
      {past.length > 0 && (
        <section className="gov-public-section">
          <h2>{t(text.recentlyClosed)}</h2>
          {past.map((n) => (
            <NoticeCard key={n.id} token={token} n={n} />
          ))}
        </section>
      )}
      <Propose token={token} />
      <Track token={token} />
    </main>
  );
}

function ObjectionForm({ token, id }: { token: string; id: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string; phone?: string; address?: string; content: string }>();
  const [sent, setSent] = useState(false);
  const send = useMutation({
    mutationFn: (v: { name: string; phone?: string; address?: string; content: string }) =>
      api('POST', `${publicBase(token)}/notices/${encodeURIComponent(id)}/objections`, { ...v, phone: v.phone || null, address: v.address || null }),
    onSuccess: () => {
      setSent(true);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['public-notice-board', token] });
    },
  });
  return (
    <section className="gov-public-section no-print" aria-labelledby="gov-object">
      <h2 id="gov-object">{t(text.objectTitle)}</h2>
      {sent ? (
        <Result status="success" title={t(text.objectionSent)} subTitle={t(text.objectionSentSub)} />
      ) : (
        <>
          <p className="gov-muted">{t(text.objectIntro)}</p>
          <Form form={form} layout="vertical" size="large" requiredMark={false} onFinish={(v) => send.mutate(v)}>
            <Form.Item name="content" label={t(text.objection)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
            </Form.Item>
            <Form.Item name="name" label={t(text.yourName)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="phone" label={t(text.yourPhone)}>
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
            <Form.Item name="address" label={t(text.yourAddress)}>
              <Input maxLength={60} />
            </Form.Item>
            {send.error && <Alert type="error" showIcon role="alert" title={send.error.message} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" size="large" block loading={send.isPending}>
              {t(text.submit)}
            </Button>
          </Form>
        </>
      )}
    </section>
  );
}

/** /gov/:token/notices/:id — one notice as printed for the board, its objections and answers, and the objection form. */
export function PublicNoticePage() {
  const { t } = useI18n();
  const { token = '', id = '' } = useParams();
  const board = usePublicBoard(token);
  const q = usePublicNotice(token, id);
  const n = q.data;
  if (q.error) return <Gone error={q.error} />;
  if (!n)
    return (
      <main className="gov-public">
        <Skeleton active paragraph={{ rows: 8 }} />
      </main>
    );
  return (
    <main className="gov-public">
      <Space className="no-print gov-print-tools" wrap>
        <Link to={`/gov/${encodeURIComponent(token)}`}>
          <Button size="large" icon={<ArrowLeftOutlined />}>
            {t(text.toBoard)}
          </Button>
        </Link>
        <Button size="large" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t(text.print)}
        </Button>
        <PhaseTag phase={n.phase} outcome={n.outcome} />
      </Space>
      <NoticeSheet
        community={board.data?.community ?? ''}
        title={n.title}
        body={n.body}
        resolutionNumber={n.resolutionNumber}
        startDate={n.startDate}
        endDate={n.endDate}
        periodRule={n.periodRule}
        periodLength={n.periodLength}
        sealName={n.sealName}
      />
      {n.objections.length > 0 && (
        <section className="gov-public-section" aria-labelledby="gov-answers">
          <h2 id="gov-answers">{t(text.answersTitle)}</h2>
          <ol className="gov-public-objections">
            {n.objections.map((o) => (
              <li key={o.id} data-testid="gov-public-objection">
                <div className="gov-muted">{o.receivedAt.slice(0, 10)}</div>
                <p>{o.content}</p>
                {o.answer ? (
                  <p className="gov-answer">
                    <strong>{t(text.ourAnswer)}：</strong>
                    {o.answer}
                  </p>
                ) : (
                  <Tag color="warning">{t(text.awaiting)}</Tag>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
      {n.phase === 'open' && <ObjectionForm token={token} id={n.id} />}
    </main>
  );
}
