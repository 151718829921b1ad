// Numbers as the CLI prints them (io.modelfleet.cli.render.Money): dollars with at most four decimals and at least
// two, rounded half up on the decimal digits of the number (not on its binary value), and $/month = $/h x 730.
export const HOURS_PER_MONTH = 730;

/** Rounds the shortest decimal form of `value` half up to `scale` digits; returns the digits as a string. */
function roundDecimal(value, scale) {
  let text = String(Math.abs(value));
  if (text.includes('e')) {
    text = Math.abs(value).toFixed(20);
  }
  let [whole, fraction = ''] = text.split('.');
  if (fraction.length > scale) {
    const up = fraction.charCodeAt(scale) >= '5'.charCodeAt(0);
    fraction = fraction.slice(0, scale);
    if (up) {
      const digits = (whole + fraction).split('').map(Number);
      let i = digits.length - 1;
      while (i >= 0 && digits[i] === 9) {
        digits[i] = 0;
        i--;
      }
      if (i < 0) {
        digits.unshift(1);
      } else {
        digits[i]++;
      }
      const joined = digits.join('');
      whole = joined.slice(0, joined.length - scale) || '0';
      fraction = joined.slice(joined.length - scale);
    }
  }
  const sign = value < 0 && /[1-9]/.test(whole + fraction) ? '-' : '';
  return { sign, whole, fraction };
}

export function usd(value) {
  let { sign, whole, fraction } = roundDecimal(value, 4);
  fraction = fraction.replace(/0+$/, '');
  while (fraction.length < 2) {
    fraction += '0';
  }
  return `${sign}${whole}.${fraction}`;
}

export function perMonth(hourly) {
  const { sign, whole, fraction } = roundDecimal(hourly * HOURS_PER_MONTH, 2);
  return `${sign}${whole}.${fraction.padEnd(2, '0')}`;
}

export function percent(value) {
  return `${value.toFixed(1)}%`;
}

export function when(iso) {
  return iso ? iso.replace('T', ' ').replace(/\.\d+/, '').replace('Z', ' UTC') : '';
}
