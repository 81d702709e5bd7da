import { Button, Notification, PasswordInput, TextInput } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetApi, Me } from '../fleet-api.ts';

/** Name and password; a failure says so without telling which of the two was wrong. */
export function LoginForm(props: { api: FleetApi; onLoggedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailed(false);
    try {
      props.onLoggedIn(await props.api.login(name, password));
    } catch {
      setFailed(true);
    }
  };
  return (
    <form className="fl-login" onSubmit={(event) => void submit(event)}>
      <h2>{t('login.form.title')}</h2>
      {failed ? (
        <Notification type="error" label={t('login.form.failed')}>
          {null}
        </Notification>
      ) : null}
      <TextInput
        id="login-name"
        label={t('login.form.name')}
        autoComplete="username"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
      />
      <PasswordInput
        id="login-password"
        label={t('login.form.password')}
        autoComplete="current-password"
        // HDS draws its show-password button over the input's box; the other staff apps do without.
        includeShowPasswordButton={false}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      <Button type="submit">{t('login.form.submit')}</Button>
    </form>
  );
}
