import { StringDecoder } from 'node:string_decoder';
import { Entry, fromBuffer, ZipFile } from 'yauzl';
import { invalid, tooLarge, WorkbookRefused } from './refusal';

/** What reading a workbook's zip may cost. */
export interface ZipLimits {
  /** Entries (files and folders) in the archive; a workbook has a dozen or two. */
  maxEntries: number;
  /** Bytes all the entries inflate to, as declared and as counted while inflating. */
  maxUncompressedBytes: number;
  /** Inflated bytes per compressed byte of an entry over `ratioFloorBytes`: a zip bomb's is in the thousands, a sheet's about ten. */
  maxCompressionRatio: number;
  ratioFloorBytes: number;
}

/** An archive whose entries may be read as text, each no more than the limits allow. */
export interface BoundedZip {
  /** Names of its file entries, as stored. */
  names: string[];
  has(name: string): boolean;
  /** Inflates an entry and hands its UTF-8 text on chunk by chunk; refuses once the bytes inflated pass the limit. */
  readText(name: string, take: (text: string) => void): Promise<void>;
}

function open(buffer: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (err, zip) => (err ? reject(err) : resolve(zip))),
  );
}

/** Every entry's directory record, before anything is inflated. */
function entries(zip: ZipFile, limits: ZipLimits): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const found: Entry[] = [];
    zip.on('error', reject);
    zip.on('entry', (entry: Entry) => {
      found.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(found));
    if (zip.entryCount > limits.maxEntries) reject(tooLarge(`The workbook has ${zip.entryCount} parts; at most ${limits.maxEntries} are read.`, limits.maxEntries));
    else zip.readEntry();
  });
}

const ratioOf = (inflated: number, compressed: number) => inflated / Math.max(1, compressed);

/**
 * Opens a zip held in memory, checks every entry's declared size and compression ratio before inflating anything,
 * and then inflates only the entries asked for, counting what they really inflate to (yauzl also checks each entry
 * against its declared size, so a lying header stops there).
 */
export async function openBoundedZip(buffer: Buffer, limits: ZipLimits): Promise<BoundedZip> {
  let zip: ZipFile;
  let list: Entry[];
  try {
    zip = await open(buffer);
    list = await entries(zip, limits);
  } catch (e) {
    if (e instanceof WorkbookRefused) throw e;
    throw invalid(`The file is not a readable .xlsx workbook (a zip archive): ${(e as Error).message}.`);
  }
  const files = list.filter((entry) => !entry.fileName.endsWith('/'));
  const declared = files.reduce((n, entry) => n + entry.uncompressedSize, 0);
  if (declared > limits.maxUncompressedBytes) {
    throw tooLarge(`The workbook inflates to ${declared} bytes; at most ${limits.maxUncompressedBytes} are read.`, limits.maxUncompressedBytes);
  }
  const byName = new Map<string, Entry>();
  for (const entry of files) {
    if (byName.has(entry.fileName)) throw invalid(`The workbook holds the part ${JSON.stringify(entry.fileName.slice(0, 80))} twice.`);
    if (entry.isEncrypted()) throw invalid('The workbook is encrypted; save it without a password.');
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw invalid(`The workbook uses zip compression method ${entry.compressionMethod}; only stored and deflated parts are read.`);
    if (entry.uncompressedSize > limits.ratioFloorBytes && ratioOf(entry.uncompressedSize, entry.compressedSize) > limits.maxCompressionRatio) {
      throw tooLarge(
        `The workbook's part ${JSON.stringify(entry.fileName.slice(0, 80))} inflates ${Math.round(ratioOf(entry.uncompressedSize, entry.compressedSize))} times its compressed size; at most ${limits.maxCompressionRatio} is read.`,
        limits.maxCompressionRatio,
      );
    }
    byName.set(entry.fileName, entry);
  }
  let inflated = 0;
  return {
    names: [...byName.keys()],
    has: (name) => byName.has(name),
    readText(name, take) {
      const entry = byName.get(name);
      if (!entry) return Promise.reject(invalid(`The workbook has no part ${JSON.stringify(name)}.`));
      return new Promise((resolve, reject) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(invalid(`The workbook's part ${JSON.stringify(name)} cannot be read: ${err.message}.`));
          const decoder = new StringDecoder('utf8');
          let own = 0;
          const fail = (e: unknown) => {
            stream.destroy();
            reject(e instanceof WorkbookRefused ? e : invalid(`The workbook's part ${JSON.stringify(name)} cannot be read: ${(e as Error).message}.`));
          };
          stream.on('data', (chunk: Buffer) => {
            own += chunk.length;
            inflated += chunk.length;
            if (inflated > limits.maxUncompressedBytes) return fail(tooLarge(`The workbook inflates to more than ${limits.maxUncompressedBytes} bytes, the most that is read.`, limits.maxUncompressedBytes));
            if (own > limits.ratioFloorBytes && ratioOf(own, entry.compressedSize) > limits.maxCompressionRatio) {
              return fail(tooLarge(`The workbook's part ${JSON.stringify(name.slice(0, 80))} inflates more than ${limits.maxCompressionRatio} times its compressed size, the most that is read.`, limits.maxCompressionRatio));
            }
            try {
              take(decoder.write(chunk));
            } catch (e) {
              fail(e);
            }
          });
          stream.on('error', fail);
          stream.on('end', () => {
            try {
              take(decoder.end());
              resolve();
            } catch (e) {
              reject(e);
            }
          });
        });
      });
    },
  };
}
