/**
 * Downloads of the text as it stands, in the conventional bracketed form: a Word document to circulate and
 * plain text, with each bracket's holders named when asked.
 */
import { useId, useState } from 'react';
import { exportAddress } from './export-address.ts';
import { usePageToken } from './people/page-token.ts';

/** The section for negotiation `negotiationId`. */
export function DownloadSection({ negotiationId }: { negotiationId: string }) {
  const token = usePageToken();
  const [holders, setHolders] = useState(false);
  const headingId = useId();
  const options = holders ? ['holders'] : [];
  return (
    <section className="panel-section download-section" aria-labelledby={headingId} data-testid="download-section">
      <h2 className="panel-heading" id={headingId}>
        Download the text
      </h2>
      <p className="download-links">
        <a href={exportAddress(negotiationId, 'docx', token, options)} download data-testid="download-docx">
          Word (.docx)
        </a>
        <a href={exportAddress(negotiationId, 'txt', token, options)} target="_blank" rel="noopener" data-testid="download-txt">
          Plain text
        </a>
      </p>
      <label className="download-holders">
        <input type="checkbox" checked={holders} onChange={(event) => setHolders(event.target.checked)} data-testid="download-holders" />
        Name who holds each bracket
      </label>
    </section>
  );
}
