import {
  Button,
  ButtonVariant,
  Logo,
  LogoSize,
  Notification,
  PasswordInput,
  TextInput,
  logoFi,
  logoSv,
} from 'hds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleApi, Me } from './console-api.ts';

/**
 * Login with the account made by `npm run central -- user add NAME --role advisor`. `notice` says
 * why the console came back here on its own (session expired or ended by central).
 */
export function LoginForm({
  api,
  notice,
  onLoggedIn,
}: {
  api: ConsoleApi;
  notice: string | null;
  onLoggedIn: (me: Me) => void;
}) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <main className="staff-login console-login" id="main">
      <Logo src={i18n.language === 'sv' ? logoSv : logoFi} size={LogoSize.Large} alt={t('app.cityName')} />
      <h1>{t('app.title')}</h1>
      <p>{t('login.intro')}</p>
      {notice && (
        <Notification type="alert" label={t('login.endedTitle')} data-testid="session-ended">
          {notice}
        </Notification>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          void api.login(name.trim(), password).then((result) => {
            if (result.ok) onLoggedIn(result.me);
            else
              setError(
                result.status === 429
                  ? t('login.tooMany')
                  : result.status === 401 || result.status === 400
                    ? t('login.failed')
                    : t('login.unreachable'),
              );
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
