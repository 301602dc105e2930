/**
 * The home page (/): a landing page for people who arrived without an invitation, or, with the
 * secretariat's admin token, the list of negotiations and the zero-draft import.
 */
import { useState, type FormEvent } from 'react';
import { AdminPanel } from './admin-panel.tsx';
import { clearAdminToken, saveAdminToken, takeAdminToken } from './admin-token.ts';

/** The home page. */
export function HomePage() {
  const [adminToken, setAdminToken] = useState<string | null>(() => takeAdminToken());
  const forget = () => {
    clearAdminToken();
    setAdminToken(null);
  };
  return (
    <div className="home">
      <header className="home-header">
        <span className="product">Draftroom</span>
        {adminToken ? (
          <button type="button" className="link-button" onClick={forget}>
            Forget admin token
          </button>
        ) : null}
      </header>
      {adminToken ? <AdminPanel adminToken={adminToken} onRejected={forget} /> : <Landing onToken={setAdminToken} />}
    </div>
  );
}

function Landing({ onToken }: { onToken: (token: string) => void }) {
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) return;
    saveAdminToken(value);
    onToken(value.trim());
  };
  return (
    <main className="landing" data-testid="landing">
      <h1>A drafting room for negotiated text</h1>
      <p className="landing-lead">
        Open the invitation link you were given by the facilitators. It takes you straight to the text under
        negotiation, with the rights of your delegation or role.
      </p>
      <p className="landing-note">No account is needed. If your link no longer works, ask the secretariat for a new one.</p>
      <form className="admin-token-form" onSubmit={submit}>
        <label htmlFor="admin-token">Secretariat: admin token</label>
        <div className="inline-field">
          <input
            id="admin-token"
            type="password"
            autoComplete="off"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            placeholder="Paste the admin token"
          />
          <button type="submit" disabled={!value.trim()}>
            Continue
          </button>
        </div>
      </form>
    </main>
  );
}
