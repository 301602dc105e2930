/**
 * The server's sentence shown under the control whose action failed, in the People & links panel.
 */

/** The error as an alert paragraph, or nothing when there is none. */
export function PeopleError({ error, testId }: { error: string | null | undefined; testId?: string }) {
  if (!error) return null;
  return (
    <p className="form-error people-error" role="alert" data-testid={testId}>
      {error}
    </p>
  );
}
