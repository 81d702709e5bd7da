/**
 * Names of the station's fixed-list ids (languages, accessibility modes, help topics, site kinds,
 * known service ids) in the staff member's own language, for the advisor console and the usage
 * dashboard. The shell has its own tables, but they are written for visitors (language names as
 * endonyms, topics as questions) and central/web may import only protocol/, so staff names live
 * here, once for both apps.
 */
import type { AccessibilityMode, HelpTopic, Language } from '../../../protocol/events.ts';
import type { SiteKind } from '../../../protocol/dashboard.ts';

/** The languages the staff apps are written in. */
export const STAFF_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type StaffLanguage = (typeof STAFF_LANGUAGES)[number];

/** Picks a staff language from an i18next language tag, Finnish when unknown. */
export const staffLanguage = (tag: string): StaffLanguage =>
  STAFF_LANGUAGES.find((l) => tag.toLowerCase().startsWith(l)) ?? 'fi';

type Names<K extends string> = Record<StaffLanguage, Record<K, string>>;

const LANGUAGE_NAMES: Names<Language> = {
  fi: {
    fi: 'suomi',
    'fi-x-plain': 'selkosuomi',
    sv: 'ruotsi',
    en: 'englanti',
    ru: 'venäjä',
    et: 'viro',
    so: 'somali',
    ar: 'arabia',
    uk: 'ukraina',
  },
  sv: {
    fi: 'finska',
    'fi-x-plain': 'lättläst finska',
    sv: 'svenska',
    en: 'engelska',
    ru: 'ryska',
    et: 'estniska',
    so: 'somaliska',
    ar: 'arabiska',
    uk: 'ukrainska',
  },
  en: {
    fi: 'Finnish',
    'fi-x-plain': 'Plain Finnish',
    sv: 'Swedish',
    en: 'English',
    ru: 'Russian',
    et: 'Estonian',
    so: 'Somali',
    ar: 'Arabic',
    uk: 'Ukrainian',
  },
};

const ACCESSIBILITY_NAMES: Names<AccessibilityMode> = {
  fi: {
    'text-125': 'teksti 125 %',
    'text-150': 'teksti 150 %',
    'text-200': 'teksti 200 %',
    'high-contrast': 'suuri kontrasti',
    'readable-font': 'selkeä fontti',
    'read-aloud': 'ääneen luku',
    'reduced-motion': 'vähemmän liikettä',
    'large-pointer': 'iso osoitin',
    'more-time-x2': '2 × aikaa',
    'more-time-x4': '4 × aikaa',
  },
  sv: {
    'text-125': 'text 125 %',
    'text-150': 'text 150 %',
    'text-200': 'text 200 %',
    'high-contrast': 'hög kontrast',
    'readable-font': 'lättläst typsnitt',
    'read-aloud': 'uppläsning',
    'reduced-motion': 'mindre rörelse',
    'large-pointer': 'stor pekare',
    'more-time-x2': '2 × tid',
    'more-time-x4': '4 × tid',
  },
  en: {
    'text-125': 'text 125 %',
    'text-150': 'text 150 %',
    'text-200': 'text 200 %',
    'high-contrast': 'high contrast',
    'readable-font': 'readable font',
    'read-aloud': 'read aloud',
    'reduced-motion': 'reduced motion',
    'large-pointer': 'large pointer',
    'more-time-x2': '2 × time',
    'more-time-x4': '4 × time',
  },
};

const TOPIC_NAMES: Names<HelpTopic> = {
  fi: {
    health: 'OmaKanta ja terveys',
    kela: 'Kela',
    'bank-id': 'Pankki ja tunnistautuminen',
    'suomi-fi': 'Suomi.fi',
    email: 'Sähköposti',
    'print-scan': 'Tulostus ja skannaus',
    computer: 'Tietokone',
    other: 'Jokin muu',
  },
  sv: {
    health: 'MinaKanta och hälsa',
    kela: 'FPA',
    'bank-id': 'Bank och identifiering',
    'suomi-fi': 'Suomi.fi',
    email: 'E-post',
    'print-scan': 'Utskrift och skanning',
    computer: 'Datorn',
    other: 'Något annat',
  },
  en: {
    health: 'My Kanta and health',
    kela: 'Kela',
    'bank-id': 'Bank and identification',
    'suomi-fi': 'Suomi.fi',
    email: 'Email',
    'print-scan': 'Printing and scanning',
    computer: 'The computer',
    other: 'Something else',
  },
};

const SITE_KIND_NAMES: Names<SiteKind> = {
  fi: {
    library: 'kirjasto',
    'community-house': 'asukastalo',
    'senior-centre': 'seniorikeskus',
    'service-centre': 'palvelukeskus',
  },
  sv: {
    library: 'bibliotek',
    'community-house': 'invånarhus',
    'senior-centre': 'seniorcenter',
    'service-centre': 'servicecentral',
  },
  en: {
    library: 'library',
    'community-house': 'community house',
    'senior-centre': 'senior centre',
    'service-centre': 'service centre',
  },
};

/**
 * Service ids of the default and example station configs. A station config may add others; an id
 * not listed here is shown as it is (it is a config slug, never personal data).
 */
const SERVICE_NAMES: Names<
  | 'bank-danske'
  | 'bank-nordea'
  | 'bank-op'
  | 'bank-s-pankki'
  | 'hel-fi'
  | 'helmet'
  | 'kela'
  | 'maisa'
  | 'omakanta'
  | 'suomi-fi'
  | 'yle-areena'
  | 'pankki'
> = {
  fi: {
    'bank-danske': 'Danske Bank',
    'bank-nordea': 'Nordea',
    'bank-op': 'OP',
    'bank-s-pankki': 'S-Pankki',
    'hel-fi': 'hel.fi',
    helmet: 'Helmet-kirjastot',
    kela: 'Kela',
    maisa: 'Maisa',
    omakanta: 'OmaKanta',
    'suomi-fi': 'Suomi.fi',
    'yle-areena': 'Yle Areena',
    pankki: 'Verkkopankki',
  },
  sv: {
    'bank-danske': 'Danske Bank',
    'bank-nordea': 'Nordea',
    'bank-op': 'OP',
    'bank-s-pankki': 'S-Banken',
    'hel-fi': 'hel.fi',
    helmet: 'Helmet-biblioteken',
    kela: 'FPA',
    maisa: 'Maisa',
    omakanta: 'MinaKanta',
    'suomi-fi': 'Suomi.fi',
    'yle-areena': 'Yle Arenan',
    pankki: 'Nätbanken',
  },
  en: {
    'bank-danske': 'Danske Bank',
    'bank-nordea': 'Nordea',
    'bank-op': 'OP',
    'bank-s-pankki': 'S-Bank',
    'hel-fi': 'hel.fi',
    helmet: 'Helmet libraries',
    kela: 'Kela',
    maisa: 'Maisa',
    omakanta: 'My Kanta',
    'suomi-fi': 'Suomi.fi',
    'yle-areena': 'Yle Areena',
    pankki: 'Online bank',
  },
};

const lookup = (table: Record<string, string>, id: string): string =>
  Object.prototype.hasOwnProperty.call(table, id) ? (table[id] ?? id) : id;

/**
 * Display names in one staff language. Every function accepts any string because the dashboard's
 * wire shapes carry plain strings; an unknown id comes back unchanged rather than blank.
 */
export interface DisplayNames {
  language: (id: string) => string;
  accessibilityMode: (id: string) => string;
  topic: (id: string) => string;
  siteKind: (id: string) => string;
  service: (id: string) => string;
}

/** Builds the name lookups for one staff language (call with i18next's current language). */
export function displayNames(tag: string): DisplayNames {
  const lang = staffLanguage(tag);
  return {
    language: (id) => lookup(LANGUAGE_NAMES[lang], id),
    accessibilityMode: (id) => lookup(ACCESSIBILITY_NAMES[lang], id),
    topic: (id) => lookup(TOPIC_NAMES[lang], id),
    siteKind: (id) => lookup(SITE_KIND_NAMES[lang], id),
    service: (id) => lookup(SERVICE_NAMES[lang], id),
  };
}
