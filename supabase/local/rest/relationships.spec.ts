import { describe, expect, it } from 'vitest';
import {
	describeRelationship,
	matchRelationships,
	relationshipHint
} from './relationship-lookup.ts';
import {
	buildRelationships,
	type FkRow,
	type QI,
	type Relationship,
	type ViewKeyDep
} from './relationships.ts';

const qi = (name: string, schema = 'public'): QI => ({ schema, name });
const fk = (
	table: string,
	foreignTable: string,
	cons: string,
	columns: [string, string][],
	oneToOne = false
): FkRow => ({
	table: qi(table),
	foreignTable: qi(foreignTable),
	isSelf: table === foreignTable,
	cons,
	columns,
	oneToOne
});
const pks: Record<string, string[]> = { roles: ['film_id', 'actor_id'] };
const build = (fks: FkRow[], deps: ViewKeyDep[] = []) =>
	buildRelationships('public', fks, deps, [], (t) => pks[t.name] ?? []);
/** Each relationship as `table→foreign table cardinality constraint-or-junction`. */
const brief = (rels: Relationship[] | undefined) =>
	(rels ?? []).map((r) =>
		r.kind === 'computed'
			? `${r.table.name}→${r.foreignTable.name} computed ${r.fn.name}`
			: `${r.table.name}→${r.foreignTable.name} ${r.card.type} ${r.card.type === 'm2m' ? r.card.junction.name : r.card.cons}`
	);

describe('relationships detected from foreign keys (SchemaCache.hs)', () => {
	const rels = build([
		fk('roles', 'films', 'roles_film_fkey', [['film_id', 'id']]),
		fk('roles', 'actors', 'roles_actor_fkey', [['actor_id', 'id']]),
		fk('passports', 'people', 'passports_person_fkey', [['person_id', 'id']], true)
	]);

	it('adds the inverse of each key and a many-to-many through a junction whose key holds both', () => {
		expect(brief(rels.get('films'))).toEqual([
			'films→actors m2m roles',
			'films→roles o2m roles_film_fkey'
		]);
		expect(brief(rels.get('roles'))).toEqual([
			'roles→actors m2o roles_actor_fkey',
			'roles→films m2o roles_film_fkey'
		]);
	});

	it('keeps a unique key one-to-one on both sides', () => {
		expect(brief(rels.get('people'))).toEqual(['people→passports o2o passports_person_fkey']);
		expect(describeRelationship(rels.get('people')![0])).toEqual({
			cardinality: 'one-to-one',
			embedding: 'people with passports',
			relationship: 'passports_person_fkey using people(id) and passports(person_id)'
		});
	});

	it('leaves out what starts or ends outside the schema', () => {
		const other = buildRelationships(
			'public',
			[{ ...fk('t', 'u', 'c', [['u_id', 'id']]), foreignTable: qi('u', 'private') }],
			[],
			[],
			() => []
		);
		expect(other.size).toBe(0);
	});
});

describe('relationships through views (SchemaCache.hs addViewM2OAndO2ORels)', () => {
	it('relates a view to the table, the table to a view and two views to each other', () => {
		const deps: ViewKeyDep[] = [
			{
				table: qi('books', 'hidden'),
				view: qi('books_v'),
				cons: 'books_author_fkey',
				type: 'f',
				columns: [['author_id', ['writer']]]
			},
			{
				table: qi('authors', 'hidden'),
				view: qi('authors_v'),
				cons: 'books_author_fkey',
				type: 'f_ref',
				columns: [['id', ['id']]]
			}
		];
		const base: FkRow = {
			...fk('books', 'authors', 'books_author_fkey', [['author_id', 'id']]),
			table: qi('books', 'hidden'),
			foreignTable: qi('authors', 'hidden')
		};
		const rels = build([base], deps);
		expect(brief(rels.get('books_v'))).toEqual(['books_v→authors_v m2o books_author_fkey']);
		expect(brief(rels.get('authors_v'))).toEqual(['authors_v→books_v o2m books_author_fkey']);
		const [rel] = rels.get('books_v')!;
		expect(rel.kind === 'fk' && rel.card.type === 'm2o' && rel.card.columns).toEqual([
			['writer', 'id']
		]);
	});
});

describe('which relationship an embedding means (Plan.hs findRel)', () => {
	const rels = build([
		fk('orders', 'addresses', 'billing', [['billing_id', 'id']]),
		fk('orders', 'addresses', 'shipping', [['shipping_id', 'id']]),
		fk('employees', 'employees', 'employees_boss_fkey', [['boss_id', 'id']])
	]);
	const match = (origin: string, target: string, hint?: string) =>
		brief(matchRelationships(rels.get(origin) ?? [], target, hint));

	it.each([
		[
			'orders',
			'addresses',
			undefined,
			['orders→addresses m2o billing', 'orders→addresses m2o shipping']
		],
		['orders', 'addresses', 'billing', ['orders→addresses m2o billing']],
		['orders', 'addresses', 'shipping_id', ['orders→addresses m2o shipping']],
		[
			'orders',
			'addresses',
			'id',
			['orders→addresses m2o billing', 'orders→addresses m2o shipping']
		],
		['orders', 'billing', undefined, ['orders→addresses m2o billing']],
		['orders', 'billing_id', undefined, ['orders→addresses m2o billing']],
		['orders', 'billing', 'shipping', []],
		['employees', 'employees', undefined, ['employees→employees o2m employees_boss_fkey']],
		['employees', 'boss_id', undefined, ['employees→employees m2o employees_boss_fkey']],
		['employees', 'employees', 'boss_id', ['employees→employees o2m employees_boss_fkey']],
		['employees', 'employees', 'employees_boss_fkey', []]
	] as const)('%s → %s!%s', (origin, target, hint, expected) => {
		expect(match(origin, target, hint)).toEqual(expected);
	});

	it('hints with the foreign table and the constraint', () => {
		expect(rels.get('orders')!.map(relationshipHint)).toEqual([
			"'addresses!billing'",
			"'addresses!shipping'"
		]);
	});

	it('lets a computed relationship replace the detected ones of its name', () => {
		const computed = buildRelationships(
			'public',
			[fk('films', 'directors', 'films_director_fkey', [['director_id', 'id']])],
			[],
			[{ fn: qi('directors'), table: qi('films'), foreignTable: qi('directors'), toOne: false }],
			() => []
		);
		expect(brief(computed.get('films'))).toEqual(['films→directors computed directors']);
		expect(brief(computed.get('directors'))).toEqual(['directors→films o2m films_director_fkey']);
	});
});
