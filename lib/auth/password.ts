import bcrypt from 'bcryptjs';

export const PASSWORD_HASH_ROUNDS = 10;

export const hashPassword = (plain: string) => bcrypt.hash(plain, PASSWORD_HASH_ROUNDS);
export const verifyPassword = (plain: string, hash: string) => bcrypt.compare(plain, hash);

/**
 * A hash of a random password nobody knows, at the same cost as real ones. Sign-in compares
 * against it when the email has no account, so that answer takes as long as a wrong password
 * and does not tell which emails have accounts.
 */
export const DUMMY_PASSWORD_HASH = '$2b$10$S697K1q7gJcq3R9RXSFwEuuG/Th.MT9pAMXT0wQzfXiCKC.ciqYG.';
