import { FlowFile } from './editor/FlowFile.js';

/** The editor's header: the open flow as a document (name, new, open, save), from the editor. */
export function Header() {
  return <FlowFile />;
}
