// The header that carries a configuration export's passphrase (kept free of zod: the console imports it at run time).

/** Seals secrets on export, opens them on import (never a query parameter: URLs get logged). */
export const PASSPHRASE_HEADER = 'x-cchub-passphrase';
