import { Alert } from 'antd';
import { ApiError } from '../../../web/api.ts';

/** An API error with the fields it names, as one alert. */
export function ErrorAlert({ error }: { error: Error | null }) {
  if (!error) return null;
  const fields = error instanceof ApiError ? Object.values(error.fields) : [];
  return <Alert type="error" showIcon title={error.message} description={fields.length ? fields.join('；') : undefined} style={{ marginBottom: 12 }} />;
}
