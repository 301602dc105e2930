/**
 * Entry point: picks the page from the address (/ → home, /n/:negotiationId?token=… → the negotiation,
 * a damaged address → a page that says so) and renders it. The server answers index.html for both paths.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HomePage } from './ui/home-page.tsx';
import { MessagePage } from './ui/message-page.tsx';
import { NegotiationPage } from './ui/negotiation-page.tsx';
import { readPageAddress } from './ui/page-address.ts';
// Order matters: document.css comes after presence.css so its narrow-window rules win.
import './ui/styles/base.css';
import './ui/styles/top-bar.css';
import './ui/styles/room-layout.css';
import './ui/styles/presence.css';
import './ui/styles/document.css';
import './ui/styles/home.css';
import './ui/styles/people.css';
import './ui/styles/people-delegations.css';
import './ui/styles/people-links.css';
// Last: printing hides the room around the text.
import './ui/styles/print.css';

function Page() {
  const address = readPageAddress(location);
  if (address.page === 'negotiation') return <NegotiationPage negotiationId={address.negotiationId} token={address.token} />;
  if (address.page === 'home') return <HomePage />;
  if (address.page === 'damaged') {
    return (
      <MessagePage title="This link is damaged" testId="damaged-link">
        <p>Part of the address cannot be read: it was probably cut or changed when it was copied.</p>
        {address.part === 'fragment' ? (
          <p>
            <a href={location.pathname + location.search}>Open the page without the damaged part</a>, or open the link again from the
            message you received.
          </p>
        ) : (
          <p>Open the link again from the message you received, or ask the facilitators for a new one.</p>
        )}
      </MessagePage>
    );
  }
  return (
    <MessagePage title="There is no page here">
      <p>
        Open the invitation link you were given by the facilitators, or go to the <a href="/">home page</a>.
      </p>
    </MessagePage>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Page />
  </StrictMode>,
);
