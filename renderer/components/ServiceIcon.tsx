import {
  IconDocument,
  IconEuroSign,
  IconFamily,
  IconGlobe,
  IconHeart,
  IconHome,
  IconInfoCircle,
  IconPlaybackPlay,
  IconSize,
  IconSpeechbubbleText,
} from 'hds-react';

const ICONS = {
  heart: IconHeart,
  stethoscope: IconSpeechbubbleText,
  family: IconFamily,
  document: IconDocument,
  city: IconHome,
  book: IconInfoCircle,
  play: IconPlaybackPlay,
  bank: IconEuroSign,
} as const;

/** Tile icon from the config's icon name; unknown names get a neutral globe. Decorative only. */
export function ServiceIcon({ name }: { name: string }) {
  const Icon = ICONS[name as keyof typeof ICONS] ?? IconGlobe;
  return <Icon aria-hidden="true" size={IconSize.Large} />;
}
