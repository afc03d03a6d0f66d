package nl.iwa.hub.connectors.files;

/**
 * Why a row of a batch file (or the whole file) gives no signal. The report names the row and this code, never a
 * value of the row.
 */
public enum RejectionReason {
    /** The row's bytes are not valid UTF-8 (e.g. a Latin-1 export). */
    NOT_UTF8,
    /** An unterminated quote or text after a closing quote. */
    BROKEN_QUOTING,
    /** More or fewer fields than the header names. */
    WRONG_COLUMN_COUNT,
    /** A BSN that is not nine digits passing the 11-test. */
    INVALID_BSN,
    /** Neither a BSN nor family name, birth date and postcode: the hub could not tell whom the signal is about. */
    MISSING_IDENTITY,
    /** A postcode not in the Dutch form 1234 AB. */
    INVALID_POSTCODE,
    /** A birth date that is no date, in the future or before 1900. */
    INVALID_BIRTH_DATE,
    /** No amount in arrears. */
    MISSING_AMOUNT,
    /** An amount that is no positive euro amount. */
    INVALID_AMOUNT,
    /** An arrears start date that is no date, in the future or before 2000. */
    INVALID_ARREARS_START_DATE,

    // whole-file reasons: no row of the file is used
    /** The header line lacks a required column (or is not valid UTF-8): the file's rows cannot be read. */
    MISSING_COLUMNS,
    /** The file has no header line. */
    EMPTY_FILE
}
