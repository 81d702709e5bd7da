import { useTranslation } from 'react-i18next';
import type { KioskApi, ServiceTile, StationView } from '../../protocol/ipc.ts';
import { ServiceIcon } from './ServiceIcon.tsx';

/** Tiles grouped by category, in the config's order. Each tile is one large button. */
export function Launcher({ view, kiosk }: { view: StationView; kiosk: KioskApi }) {
  const { t } = useTranslation();
  const groups = new Map<string, ServiceTile[]>();
  for (const tile of view.services) groups.set(tile.category, [...(groups.get(tile.category) ?? []), tile]);
  return (
    <section className="launcher" aria-labelledby="launcher-heading">
      <h1 id="launcher-heading" className="screen-title">
        {t('launcher.heading')}
      </h1>
      <div className="launcher-groups">
        {[...groups].map(([category, tiles]) => (
          <section key={category} className="launcher-group" aria-labelledby={`cat-${category}`}>
            <h2 id={`cat-${category}`} className="section-title">
              {t(`launcher.categories.${category}`, { defaultValue: category })}
            </h2>
            <ul className="tile-grid" role="list">
              {tiles.map((tile) => (
                <li key={tile.id}>
                  <button
                    type="button"
                    className="service-tile"
                    data-service={tile.id}
                    onClick={() => void kiosk.invoke('service:open', { serviceId: tile.id })}
                  >
                    <span className="tile-icon">
                      <ServiceIcon name={tile.icon} />
                    </span>
                    <span className="tile-text" lang={tile.textLanguage === 'fi-x-plain' ? 'fi' : tile.textLanguage}>
                      <span className="tile-name">{tile.name}</span>
                      <span className="tile-purpose">{tile.purpose}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}
