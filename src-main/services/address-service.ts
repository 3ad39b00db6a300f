/**
 * The address lists behind the no-writing address entry: the postal-code data is loaded once, in
 * the background after start (the first screen does not wait for it), and the terminal's own
 * municipality comes first wherever a code is shared.
 */
import { PostalIndex, type City, type PostalPlace, type Prefecture } from '../address/postal-index.ts';

export interface AddressDeps {
  /** The terminal's 全国地方公共団体コード (6 digits with the check digit). */
  municipalityCode: () => string;
  load?: () => Promise<PostalIndex>;
}

export class AddressService {
  #index: Promise<PostalIndex> | null = null;
  constructor(private readonly deps: AddressDeps) {}

  /**
   * Starts loading the data (idempotent); lookups wait for it. The town index is built too, after
   * a yield, so the first address screen does not pay for it (it took up to 1 s under load).
   */
  warmUp(): Promise<PostalIndex> {
    this.#index ??= (this.deps.load ?? PostalIndex.load)().then(async (index) => {
      await new Promise((resolve) => setImmediate(resolve));
      index.prepare();
      return index;
    });
    return this.#index;
  }

  /** The terminal's own city code (5 digits). */
  get ownCityCode(): string {
    return this.deps.municipalityCode().slice(0, 5);
  }

  async lookup(postalCode: string): Promise<PostalPlace[]> {
    const own = this.ownCityCode;
    const places = (await this.warmUp()).lookup(postalCode);
    return places.sort((a, b) => Number(b.cityCode === own) - Number(a.cityCode === own));
  }

  async prefectures(): Promise<Prefecture[]> {
    return (await this.warmUp()).prefectures();
  }

  async cities(prefCode: string): Promise<City[]> {
    return (await this.warmUp()).cities(prefCode);
  }

  async towns(cityCode = this.ownCityCode): Promise<{ city: City | null; towns: PostalPlace[] }> {
    const index = await this.warmUp();
    return { city: index.city(cityCode) ?? null, towns: index.towns(cityCode) };
  }
}
