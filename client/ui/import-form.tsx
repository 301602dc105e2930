/**
 * Import a zero draft: paste its text or choose a .txt file (read here, in the browser), send it to the
 * server, and open the new negotiation. A refused import shows the server's reason next to the form.
 */
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { importZeroDraft } from '../sync/http-api.ts';

/** The form. */
export function ImportForm({ adminToken }: { adminToken: string }) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setError(null);
    try {
      setText(await file.text());
      setFileName(file.name);
    } catch {
      setError(`The file ${file.name} could not be read.`);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setError('Paste the text of the zero draft, or choose a .txt file.');
      return;
    }
    setSending(true);
    setError(null);
    try {
      const created = await importZeroDraft(adminToken, text);
      location.assign(created.url);
    } catch (caught) {
      setSending(false);
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };

  return (
    <section className="admin-section">
      <h2>Import a zero draft</h2>
      <p className="quiet">
        Plain text as circulated: the title block, headings, numbered paragraphs, <code>*[source]*</code> annotations and
        footnotes. Word documents: save as plain text (UTF-8) first.
      </p>
      <form className="import-form" onSubmit={(event) => void submit(event)} data-testid="import-form">
        <label className="file-field">
          <span>Choose a .txt file</span>
          <input type="file" accept=".txt,text/plain" onChange={(event) => void chooseFile(event)} />
        </label>
        {fileName ? <p className="quiet">Read {fileName}: {text.length.toLocaleString()} characters.</p> : null}
        <label htmlFor="zero-draft-text">Or paste the text</label>
        <textarea
          id="zero-draft-text"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setFileName(null);
          }}
          rows={12}
          spellCheck={false}
          placeholder={'International Migration Review Forum Progress Declaration\nZero draft\n\n1. We, the Heads of State…'}
        />
        <div className="form-actions">
          <button type="submit" disabled={sending}>
            {sending ? 'Importing…' : 'Import and open'}
          </button>
          {error ? (
            <p className="form-error" role="alert" data-testid="import-error">
              {error}
            </p>
          ) : null}
        </div>
      </form>
    </section>
  );
}
