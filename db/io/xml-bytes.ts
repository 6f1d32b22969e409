/**
 * A growing byte buffer for writing large XML parts without building a
 * string per element.
 */
export class XmlBytes {
  private bytes: Buffer;
  /** Bytes written; setting it lower drops what was written after. */
  length = 0;

  constructor(capacity = 1 << 16) {
    this.bytes = Buffer.allocUnsafe(Math.max(capacity, 1024));
  }

  private reserve(size: number): void {
    if (this.length + size <= this.bytes.length) return;

    let capacity = this.bytes.length * 2;
    while (capacity < this.length + size) capacity *= 2;
    const grown = Buffer.allocUnsafe(capacity);
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }

  /** Appends bytes encoded beforehand. */
  append(chunk: Uint8Array): void {
    this.reserve(chunk.length);
    this.bytes.set(chunk, this.length);
    this.length += chunk.length;
  }

  /** Appends a whole number of 0 or more in decimal digits. */
  appendInteger(value: number): void {
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
    this.reserve(digits);

    let position = this.length + digits;
    let rest = value;
    do {
      position -= 1;
      this.bytes[position] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
    this.length += digits;
  }

  /** Appends text as UTF-8; the caller escapes it for XML. */
  appendText(text: string): void {
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    this.reserve(text.length * 3);
    this.length += this.bytes.write(text, this.length, 'utf8');
  }

  /** Returns the bytes written, without copying them. */
  toBuffer(): Buffer {
    return this.bytes.subarray(0, this.length);
  }
}
