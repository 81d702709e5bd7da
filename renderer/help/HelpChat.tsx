import { Button, ButtonVariant, TextArea } from 'hds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CHAT_CHARS, type ChatMessage } from '../../protocol/help.ts';

/** The two-way chat with the advisor; new lines are read out by the log's implicit live region. */
export function HelpChat({
  messages,
  advisorName,
  onSend,
}: {
  messages: ChatMessage[];
  advisorName: string;
  onSend: (text: string) => void;
}) {
  const { t } = useTranslation('help');
  const [text, setText] = useState('');
  const submit = () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    onSend(trimmed);
    setText('');
  };
  return (
    <div className="help-chat">
      <ol className="help-chat__log" role="log" aria-label={t('chat.label')} data-testid="help-chat-log">
        {messages.map((m) => (
          <li key={m.id} className={`help-chat__line help-chat__line--${m.from}`}>
            <span className="help-chat__who">{m.from === 'visitor' ? t('chat.you') : advisorName}</span>
            <span className="help-chat__text">{m.text}</span>
          </li>
        ))}
      </ol>
      <form
        className="help-chat__form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <TextArea
          id="help-chat-input"
          label={t('chat.inputLabel')}
          value={text}
          maxLength={MAX_CHAT_CHARS}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            // Enter sends, Shift+Enter makes a new line: what chat users expect.
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault();
              submit();
            }
          }}
        />
        <Button type="submit" variant={ButtonVariant.Primary}>
          {t('chat.send')}
        </Button>
      </form>
    </div>
  );
}
