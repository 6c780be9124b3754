import { App as AntApp, Button, Space, Typography, Upload } from 'antd';
import { FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { partyBase, partyKeys } from './api.ts';
import { text } from './text.ts';

const ACCEPT = '.pdf,.doc,.docx,.wps,.xls,.xlsx,.jpg,.jpeg,.png,.webp';

function size(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** The issue as printed: download it, or (managers) attach or replace it. */
export function NewsletterFile({ communityId, issueId, file, canManage }: { communityId: string; issueId: string; file: { filename: string; size: number } | null; canManage: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const url = `${partyBase(communityId)}/newsletters/${encodeURIComponent(issueId)}/file`;
  const upload = useMutation({
    mutationFn: (f: File) => {
      const body = new FormData();
      body.append('file', f, f.name);
      return api<{ filename: string; size: number }>('POST', url, body);
    },
    onSuccess: (r) => {
      message.success(t(text.fileAttached, { name: r.filename }));
      void queryClient.invalidateQueries({ queryKey: partyKeys.issue(communityId, issueId) });
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Space wrap size={8} className="party-issue-file" data-testid="party-issue-file">
      {file ? (
        <a href={url} download={file.filename}>
          <FileTextOutlined /> {file.filename} <Typography.Text type="secondary">({size(file.size)})</Typography.Text>
        </a>
      ) : (
        <Typography.Text type="secondary">{t(text.noFile)}</Typography.Text>
      )}
      {canManage && (
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          beforeUpload={(f) => {
            upload.mutate(f);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending}>
            {t(file ? text.replaceFile : text.attachFile)}
          </Button>
        </Upload>
      )}
    </Space>
  );
}
