/** The help UI the shell mounts (button on every screen, one panel); built in renderer/help. */
export { createHelpUi } from './help/create-help-ui.tsx';
