import { slugFromName } from '../../src/domain/forbund/slug';

describe('slugFromName', () => {
  it.each([
    ['Samordningsförbundet Östra Södertörn', 'ostra-sodertorn'],
    ['Samordningsförbundet Botkyrka, Huddinge och Salem', 'botkyrka-huddinge-och-salem'],
    ['Samordningsförbundet Centrala Östergötland (SCÖ)', 'centrala-ostergotland'],
    ['Sjuhärads samordningsförbund', 'sjuharads'],
    ['Finsam Göteborg', 'goteborg'],
    ['Finsam Kävlinge-Lomma', 'kavlinge-lomma'],
    ['Samordningsförbundet i Kalmar län', 'kalmar-lan'],
    ['Samordningsförbundet Finsam Falun', 'falun'],
    ['Samordningsförbund Gävleborg', 'gavleborg'],
    ['Samordningsförbundet', 'forbund'],
  ])('%s → %s', (name, slug) => expect(slugFromName(name)).toBe(slug));
});
