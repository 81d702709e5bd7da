import { Button, ButtonVariant, PasswordInput, TextInput } from 'hds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleApi, Me } from './console-api.ts';

/** Login with the account made by `npm run central -- user add NAME --role advisor`. */
export function LoginForm({ api, onLoggedIn }: { api: ConsoleApi; onLoggedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <main className="console-login">
      <h1>{t('app.title')}</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          void api.login(name.trim(), password).then((result) => {
            if (result.ok) onLoggedIn(result.me);
            else setError(result.status === 429 ? t('login.tooMany') : t('login.failed'));
          });
        }}
      >
        <TextInput
          id="login-name"
          label={t('login.name')}
          value={name}
          autoComplete="username"
          required
          onChange={(e) => setName(e.target.value)}
        />
        <PasswordInput
          id="login-password"
          label={t('login.password')}
          value={password}
          autoComplete="current-password"
          required
          onChange={(e) => setPassword(e.target.value)}
        />
        {error && (
          <p className="console-error" role="alert">
            {error}
          </p>
        )}
        <Button type="submit" variant={ButtonVariant.Primary}>
          {t('login.submit')}
        </Button>
      </form>
    </main>
  );
}
