/** Word documents (.docx) via mammoth: the raw text, one paragraph per blank-line-separated block. */
import mammoth from 'mammoth';

/** Text of a .docx file's body; throws with mammoth's reason when the file is not a Word document. */
export async function readDocx(bytes: Buffer): Promise<string> {
  const result = await mammoth.extractRawText({ buffer: bytes });
  return result.value;
}
