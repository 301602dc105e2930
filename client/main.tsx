/**
 * Entry point: picks the page from the address (/ → home, /n/:negotiationId?token=… → the negotiation)
 * and renders it. The server answers index.html for both paths.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HomePage } from './ui/home-page.tsx';
import { MessagePage } from './ui/message-page.tsx';
import { NegotiationPage } from './ui/negotiation-page.tsx';
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

function Page() {
  const path = location.pathname;
  const negotiation = /^\/n\/([^/]+)\/?$/.exec(path);
  if (negotiation) {
    const id = decodeURIComponent(negotiation[1] as string);
    return <NegotiationPage negotiationId={id} token={new URLSearchParams(location.search).get('token')} />;
  }
  if (path === '/' || path === '/index.html') return <HomePage />;
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
