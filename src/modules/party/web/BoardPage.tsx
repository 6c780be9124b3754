import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Rate, Result, Select, Skeleton, Space } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useParams } from 'react-router';
import { api, ApiError } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { usePublicBoard, type PublicBoard } from './api.ts';
import { label } from './components.tsx';
import { PLEDGE_STATUS_LABELS, text } from './text.ts';
import './party.css';

type Fb = PublicBoard['feedback'][number];

function Status({ status }: { status: PublicBoard['memberPledges'][number]['status'] }) {
  const { lang } = useI18n();
  return <span className={`board-status board-status-${status}`}>{label(PLEDGE_STATUS_LABELS, status, lang)}</span>;
}

function Progress({ progress }: { progress: { date: string; note: string }[] }) {
  const { t } = useI18n();
  if (progress.length === 0) return <p className="board-muted">{t(text.noProgress)}</p>;
  return (
    <ul className="board-progress">
      {[...progress]
        .sort((a, b) => b.date.localeCompare(a.date))
        .map((p, i) => (
          <li key={`${p.date}-${i}`}>
            <span className="board-date">{p.date}</span> {p.note}
          </li>
        ))}
    </ul>
  );
}

function Comments({ items }: { items: Fb[] }) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <ul className="board-comments">
      {items.map((f) => (
        <li key={f.id} data-testid="board-feedback">
          <div>
            <span className="board-stars" aria-label={t(text.stars, { n: f.rating })}>
              {'★'.repeat(f.rating)}
              <span className="board-stars-off">{'★'.repeat(5 - f.rating)}</span>
            </span>
            <span className="board-date">{f.createdAt.slice(0, 10)}</span>
          </div>
          <p>{f.comment}</p>
          {f.answer && (
            <p className="board-answer">
              <strong>{t(text.ourAnswer)}：</strong>
              {f.answer}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

interface FeedbackForm {
  rating: number;
  comment: string;
  pledgeId?: string;
}

function FeedbackBox({ token, board }: { token: string; board: PublicBoard }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FeedbackForm>();
  const [sent, setSent] = useState(false);
  const send = useMutation({
    mutationFn: (v: FeedbackForm) => api<{ id: string }>('POST', `/api/v1/public/pledge-boards/${encodeURIComponent(token)}/feedback`, { rating: v.rating, comment: v.comment.trim(), pledgeId: v.pledgeId ?? null }),
    onSuccess: () => {
      setSent(true);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['public-board', token] });
    },
  });
  const pledgeOptions = [
    ...board.branchPledges.map((p) => ({ value: p.id, label: p.title })),
    ...board.memberPledges.map((p) => ({ value: p.id, label: `${p.memberName}：${p.title}` })),
  ];
  return (
    <section className="board-section board-form no-print" aria-labelledby="board-form-title">
      <h2 id="board-form-title">{t(text.boardFormTitle)}</h2>
      {sent ? (
        <Result
          status="success"
          title={t(text.thanks)}
          subTitle={t(text.thanksSub)}
          extra={
            <Button size="large" onClick={() => setSent(false)}>
              {t(text.another)}
            </Button>
          }
        />
      ) : (
        <>
          <p className="board-muted">{t(text.boardFormIntro)}</p>
          <Form form={form} layout="vertical" size="large" onFinish={(v) => send.mutate(v)} requiredMark={false}>
            <Form.Item name="rating" label={t(text.rating)} rules={[{ required: true, message: t(text.ratingRequired) }]}>
              <Rate style={{ fontSize: 36 }} />
            </Form.Item>
            <Form.Item name="comment" label={t(text.comment)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={500} showCount placeholder={t(text.commentPlaceholder)} />
            </Form.Item>
            <Form.Item name="pledgeId" label={t(text.whichPledge)}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={pledgeOptions} />
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

/** /board/:token — the public pledge board: no sign-in, large type, printable on A4 or A3. */
export function BoardPage() {
  const { t } = useI18n();
  const { token = '' } = useParams();
  const board = usePublicBoard(token);
  const [paper, setPaper] = useState<'A4' | 'A3'>('A4');
  const b = board.data;

  useEffect(() => {
    if (b) document.title = `${b.community} · ${t(text.boardHeading)}`;
  }, [b, t]);

  const print = (size: 'A4' | 'A3') => {
    setPaper(size);
    // let the @page rule for the chosen paper land before the dialog opens
    window.setTimeout(() => window.print(), 50);
  };

  if (board.error) {
    const gone = board.error instanceof ApiError && board.error.status === 404;
    return (
      <main className="board-page">
        <Result status={gone ? '404' : 'error'} title={gone ? t(text.boardGone) : board.error.message} subTitle={gone ? t(text.boardGoneSub) : undefined} />
      </main>
    );
  }
  if (!b) {
    return (
      <main className="board-page">
        <Skeleton active paragraph={{ rows: 10 }} />
      </main>
    );
  }
  const byPledge = (id: string) => b.feedback.filter((f) => f.pledgeId === id);
  const general = b.feedback.filter((f) => !f.pledgeId);

  return (
    <main className="board-page">
      <style>{`@page { size: ${paper}; margin: 12mm; }`}</style>
      <header className="board-header">
        <div className="board-community">{b.community}</div>
        <h1>{t(text.boardHeading)}</h1>
        <div className="board-sub">{t(text.boardSub, { branch: b.branch, year: b.year })}</div>
        <div className="board-printed">{t(text.printedOn, { date: dayjs().format('YYYY-MM-DD') })}</div>
        <Space className="no-print board-print-buttons">
          <Button icon={<PrinterOutlined />} onClick={() => print('A4')}>
            {t(text.print)} A4
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => print('A3')}>
            {t(text.print)} A3
          </Button>
        </Space>
      </header>

      {b.branchPledges.length > 0 && (
        <section className="board-section">
          <h2>{t(text.boardBranchSection)}</h2>
          <ol className="board-branch-list">
            {b.branchPledges.map((p) => (
              <li key={p.id} className="board-block">
                <div className="board-block-head">
                  <span className="board-pledge">{p.title}</span>
                  <Status status={p.status} />
                </div>
                {(p.owner || p.target) && (
                  <p className="board-muted">
                    {p.owner && `${t(text.owner)}：${p.owner}`}
                    {p.owner && p.target && '　'}
                    {p.target && `${t(text.target)}：${p.target}`}
                  </p>
                )}
                <Progress progress={p.progress} />
                <Comments items={byPledge(p.id)} />
              </li>
            ))}
          </ol>
        </section>
      )}

      <section className="board-section">
        <h2>{t(text.boardMemberSection)}</h2>
        {b.memberPledges.length === 0 ? (
          <p className="board-muted">{t(text.noMemberPledges)}</p>
        ) : (
          <div className="board-members">
            {b.memberPledges.map((p) => (
              <article key={p.id} className="board-block board-member" data-testid="board-member-pledge">
                <div className="board-block-head">
                  <span className="board-name">{p.memberName}</span>
                  <Status status={p.status} />
                </div>
                <p className="board-pledge">{p.title}</p>
                {p.areas.length > 0 && (
                  <p className="board-areas">
                    {t(text.areas)}：{p.areas.join('、')}
                  </p>
                )}
                <Progress progress={p.progress} />
                <Comments items={byPledge(p.id)} />
              </article>
            ))}
          </div>
        )}
      </section>

      {general.length > 0 && (
        <section className="board-section">
          <h2>{t(text.boardFeedbackSection)}</h2>
          <Comments items={general} />
        </section>
      )}

      <FeedbackBox token={token} board={b} />
    </main>
  );
}
