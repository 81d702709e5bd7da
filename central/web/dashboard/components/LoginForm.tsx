import { Button, Notification, PasswordInput, TextInput } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardApi, Me } from '../dashboard-api.ts';
import { failureText } from '../errors.ts';

export function LoginForm(props: { api: DashboardApi; onLoggedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    try {
      props.onLoggedIn(await props.api.login(name, password));
    } catch (error) {
      setFailure(error ?? 'failed');
    }
  };
  return (
    <form className="db-login" onSubmit={(event) => void submit(event)}>
      <h2>{t('login.form.title')}</h2>
      <p>{t('login.form.intro')}</p>
      {failure ? (
        <Notification type="error" label={t('login.form.failed', { message: failureText(t, failure, 'login') })}>
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
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      <Button type="submit">{t('login.form.submit')}</Button>
    </form>
  );
}
