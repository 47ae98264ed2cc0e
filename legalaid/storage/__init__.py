"""The vault: an SQLCipher 4 database plus a key file with one slot per account."""
