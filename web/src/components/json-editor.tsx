import { Input } from 'antd';

/** A plain JSON text area; the caller parses and shows errors. */
export function JsonEditor({ value, onChange, rows = 16, testId }: { value: string; onChange(v: string): void; rows?: number; testId?: string }) {
  return <Input.TextArea value={value} onChange={(e) => onChange(e.target.value)} rows={rows} spellCheck={false} data-testid={testId}
    style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 }} />;
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try { return { ok: true, value: JSON.parse(text) }; } catch (e) { return { ok: false, error: e instanceof Error ? e.message : String(e) }; }
}
