// How the user named the company: IPS handles ("c|1001") are used as is, names are looked up later by the client.

export interface CompanySpec {
  kind: 'handle' | 'name';
  value: string;
}

// Handles contain "|"; a bare number is a handle's id, never a plausible company name.
export function classifyCompany(value: string): CompanySpec {
  const isHandle = value.includes('|') || /^\d+$/.test(value);
  return { kind: isHandle ? 'handle' : 'name', value };
}
