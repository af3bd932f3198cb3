import { loggedUrl } from '../../src/platform/http/log';

describe('loggedUrl', () => {
  it('keeps a secret parameter\'s name and drops its value, whatever its case, and leaves the rest', () => {
    expect(loggedUrl('/graphql?query=%7Bforbunds%7Bslug%7D%7D&apiKey=fck_abc&Authorization=Bearer%20x'))
      .toBe('/graphql?query=%7Bforbunds%7Bslug%7D%7D&apiKey=%5Bredacted%5D&Authorization=%5Bredacted%5D');
    expect(loggedUrl('/export/observations.csv?forbund=uppsala&token=1&token=2')).toBe('/export/observations.csv?forbund=uppsala&token=%5Bredacted%5D');
  });

  it('leaves a URL without secrets exactly as it came', () => {
    for (const url of ['/graphql', '/graphql?query=%7B__typename%7D', '/charts/funnel.svg?measure=a&year=2017']) expect(loggedUrl(url)).toBe(url);
  });
});
