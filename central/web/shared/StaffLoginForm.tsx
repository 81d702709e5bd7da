import { Button, Notification, PasswordInput, TextInput } from 'hds-react';
import { useState, type FormEvent } from 'react';

/** The login form's words, in the app's language. */
export interface StaffLoginTexts {
  title: string;
  /** Whose account logs in here; left out where the title says it. */
  intro?: string;
  name: string;
  password: string;
  submit: string;
}

/**
 * Name and password for the dashboard and the fleet view (central's `/api/v1/auth/login`). The app
 * passes its words, its login call and how to say a failure; a failure never tells which of the two
 * was wrong. The advisor console has its own: a whole page with the city logo and the reason its
 * session ended, on a call that answers a result instead of throwing.
 */
export function StaffLoginForm<Me>(props: {
  texts: StaffLoginTexts;
  login: (name: string, password: string) => Promise<Me>;
  onLoggedIn: (me: Me) => void;
  /** The error notification's label for what `login` threw. */
  failureLabel: (failure: unknown) => string;
}) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    try {
      props.onLoggedIn(await props.login(name, password));
    } catch (error) {
      setFailure({ error });
    }
  };
  return (
    <form className="staff-login" onSubmit={(event) => void submit(event)}>
      <h2>{props.texts.title}</h2>
      {props.texts.intro ? <p>{props.texts.intro}</p> : null}
      {failure ? (
        <Notification type="error" label={props.failureLabel(failure.error)}>
          {null}
        </Notification>
      ) : null}
      <TextInput
        id="login-name"
        label={props.texts.name}
        autoComplete="username"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
      />
      <PasswordInput
        id="login-password"
        label={props.texts.password}
        autoComplete="current-password"
        // HDS draws its show-password button over the input's box (the fleet view's choice, now both apps').
        includeShowPasswordButton={false}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      <Button type="submit">{props.texts.submit}</Button>
    </form>
  );
}
