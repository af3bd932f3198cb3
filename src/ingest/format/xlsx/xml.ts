import { SaxesParser } from 'saxes';
import { BoundedZip } from './zip';
import { invalid, WorkbookRefused } from './refusal';

/** What a part's reader is told as the XML streams past: element names without their prefix. */
export interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  text?(text: string): void;
  close?(name: string): void;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Streams one part of the workbook through a SAX parser. A DOCTYPE is refused outright: a workbook never has
 * one, and entity declarations are how XML bombs and external entities get in.
 */
export async function readXml(zip: BoundedZip, part: string, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser({ position: true });
  parser.on('doctype', () => {
    throw invalid(`The workbook's part ${part} declares a DOCTYPE; workbooks have none, and it is not read.`);
  });
  if (handlers.open) parser.on('opentag', (tag) => handlers.open!(localName(tag.name), tag.attributes as Record<string, string>));
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  if (handlers.close) parser.on('closetag', (tag) => handlers.close!(localName(tag.name)));
  const fail = (e: unknown): never => {
    if (e instanceof WorkbookRefused) throw e;
    throw invalid(`The workbook's part ${part} is not well-formed XML: ${(e as Error).message.slice(0, 200)}.`);
  };
  await zip.readText(part, (chunk) => {
    try {
      if (chunk) parser.write(chunk);
    } catch (e) {
      fail(e);
    }
  });
  try {
    parser.close();
  } catch (e) {
    fail(e);
  }
}

/** The parts a package's relationships part names: id → [type's last segment, target resolved against the part's folder, external]. */
export async function readRelationships(zip: BoundedZip, part: string, folder: string): Promise<Map<string, { type: string; target: string; external: boolean }>> {
  const found = new Map<string, { type: string; target: string; external: boolean }>();
  if (!zip.has(part)) return found;
  await readXml(zip, part, {
    open(name, a) {
      if (name !== 'Relationship' || !a.Id || !a.Target) return;
      const external = a.TargetMode === 'External';
      found.set(a.Id, { type: (a.Type ?? '').split('/').pop() ?? '', target: external ? a.Target : resolvePart(folder, a.Target), external });
    },
  });
  return found;
}

/** A relationship's target as a zip entry name: "/xl/x.xml" from the root, "worksheets/sheet1.xml" from the folder, ".." steps resolved. */
export function resolvePart(folder: string, target: string): string {
  const steps = target.startsWith('/') ? [] : folder.split('/').filter(Boolean);
  for (const step of target.split('/')) {
    if (step === '..') steps.pop();
    else if (step && step !== '.') steps.push(step);
  }
  return steps.join('/');
}
