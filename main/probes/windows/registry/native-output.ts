/**
 * vmrun and VBoxManage write in the ANSI code page (VirtualBox's IPRT converts its UTF-8 with
 * RTStrUtf8ToCurrentCP, i.e. GetACP), while PowerShell decodes a native program's output with
 * [Console]::OutputEncoding — the OEM code page by default, another one in most Western locales
 * (1252 vs 850): a .vmx path under "C:\\Users\\José" would come back garbled, and the MACs read from
 * it with it. Read them with the ANSI code page, and put the console's back afterwards.
 */
const ANSI_OUTPUT = `
$consoleEncoding = $null
try {
  $consoleEncoding = [Console]::OutputEncoding
  [Console]::OutputEncoding = [Text.Encoding]::GetEncoding([Globalization.CultureInfo]::CurrentCulture.TextInfo.ANSICodePage)
} catch { $consoleEncoding = $null }
`;
const CONSOLE_BACK = `
if ($null -ne $consoleEncoding) { try { [Console]::OutputEncoding = $consoleEncoding } catch {} }
`;
/** A native tool's probe: its body runs with ANSI decoding, and the console's encoding comes back whatever it returns. */
export const withAnsiOutput = (body: string) => `${ANSI_OUTPUT}try {\n${body}\n} finally {${CONSOLE_BACK}}\n`;
