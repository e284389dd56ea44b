/** The error code of a statement the watchdog stopped. Not a SQLSTATE: the lab, not the database, ended it. */
export const WATCHDOG_CODE = 'LAB-STOPPED';
