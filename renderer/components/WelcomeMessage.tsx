import { IconInfoCircle } from 'hds-react';
import type { StationView } from '../../protocol/ipc.ts';

/**
 * IT's message on the welcome screen ("This computer is serviced at 14:00"), sent from central.
 * The live region is always in the page, so a message that arrives while someone is looking at
 * the screen is announced; the text carries its own language (IT's Finnish when the visitor's is
 * missing) and direction.
 */
export function WelcomeMessage({ message }: { message: StationView['welcomeMessage'] }) {
  return (
    <div className="welcome-message-region" role="status">
      {message ? (
        <p className="welcome-message" lang={message.language} dir="auto">
          <IconInfoCircle aria-hidden="true" className="welcome-message-icon" />
          <span>{message.text}</span>
        </p>
      ) : null}
    </div>
  );
}
