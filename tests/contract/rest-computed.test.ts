/**
 * Computed relationships and computed fields (PostgREST docs references/api/resource_embedding.rst
 * "Computed Relationships", computed_fields.rst; SchemaCache.hs allComputedRels): a function
 * taking a table's or view's row embeds the rows it returns, to-one with `rows 1` or without
 * `setof`, and overrides a detected relationship of the same name; a function returning a value
 * is a column for select, filters and order.
 */
import { describe, expect, it } from 'vitest';
import { rest } from './helpers/rest-fixture.ts';
import { useTestStack } from './helpers/use-stack.ts';

const SQL = `
create table public.directors (id int primary key, name text not null);
create table public.films (
  id int primary key, title text not null, year int,
  director_id int constraint films_director_fkey references public.directors(id)
);
-- No foreign key: only the functions below relate premieres to films.
create table public.premieres (id int primary key, location text not null, film_id int);
insert into public.directors values (1, 'Mann'), (2, 'Frankenheimer');
insert into public.films values (1, 'Heat', 1995, 1), (2, 'Ronin', 1998, 2), (3, 'Collateral', 2004, 1);
insert into public.premieres values
  (1, 'Los Angeles', 1), (2, 'Cannes', 1), (3, 'Venice', 2), (4, 'Berlin', 1);
create view public.films_view as select id, title, year from public.films;

create function public.film(public.premieres) returns setof public.films rows 1
  stable language sql as $$ select * from public.films where id = $1.film_id $$;
create function public.premieres(public.films) returns setof public.premieres
  stable language sql as $$ select * from public.premieres where film_id = $1.id $$;
create function public.premieres(public.films_view) returns setof public.premieres
  stable language sql as $$ select * from public.premieres where film_id = $1.id $$;
-- Not setof: to-one.
create function public.first_premiere(public.films) returns public.premieres
  stable language sql as $$ select * from public.premieres where film_id = $1.id order by id limit 1 $$;
-- Named after the table it returns: overrides the detected many-to-one (films_director_fkey),
-- and, being setof without rows 1, makes it to-many.
create function public.directors(public.films) returns setof public.directors
  stable language sql as $$ select * from public.directors where id = $1.director_id $$;
-- Computed fields.
create function public.label(public.films) returns text
  stable language sql as $$ select $1.title || ' (' || $1.year || ')' $$;
create function public.premiere_count(public.films) returns bigint
  stable language sql as $$ select count(*) from public.premieres where film_id = $1.id $$;
create function public.shout(public.premieres) returns text
  immutable language sql as $$ select upper($1.location) $$;
create function public.all_films() returns setof public.films
  stable language sql as $$ select * from public.films $$;
`;

const stack = useTestStack({ sql: SQL });

describe('computed relationships', () => {
	it('embeds a to-one function (setof … rows 1) as an object', async () => {
		const { data, error } = await stack()
			.client()
			.from('premieres')
			.select('location, film(title)')
			.order('id');
		expect(error).toBeNull();
		expect(data).toEqual([
			{ location: 'Los Angeles', film: { title: 'Heat' } },
			{ location: 'Cannes', film: { title: 'Heat' } },
			{ location: 'Venice', film: { title: 'Ronin' } },
			{ location: 'Berlin', film: { title: 'Heat' } }
		]);
	});

	it('embeds a setof function as an array, [] when it returns nothing', async () => {
		const { data, error } = await stack()
			.client()
			.from('films')
			.select('title, premieres(location)')
			.order('id')
			.order('id', { referencedTable: 'premieres' });
		expect(error).toBeNull();
		expect(data).toEqual([
			{
				title: 'Heat',
				premieres: [{ location: 'Los Angeles' }, { location: 'Cannes' }, { location: 'Berlin' }]
			},
			{ title: 'Ronin', premieres: [{ location: 'Venice' }] },
			{ title: 'Collateral', premieres: [] }
		]);
	});

	it('embeds a function that returns one row without setof as an object', async () => {
		const { data, error } = await stack()
			.client()
			.from('films')
			.select('title, first_premiere(location)')
			.lte('id', 2)
			.order('id');
		expect(error).toBeNull();
		expect(data).toEqual([
			{ title: 'Heat', first_premiere: { location: 'Los Angeles' } },
			{ title: 'Ronin', first_premiere: { location: 'Venice' } }
		]);
	});

	it('takes filters, order, limit and offset on the embedded function', async () => {
		const { data, error } = await stack()
			.client()
			.from('films')
			.select('title, premieres(id, location)')
			.eq('id', 1)
			.neq('premieres.location', 'Cannes')
			.order('location', { referencedTable: 'premieres', ascending: false })
			.limit(1, { referencedTable: 'premieres' });
		expect(error).toBeNull();
		expect(data).toEqual([{ title: 'Heat', premieres: [{ id: 1, location: 'Los Angeles' }] }]);
		const offset = await rest(
			stack(),
			'/films?select=title,premieres(id)&id=eq.1&premieres.order=id&premieres.offset=1'
		);
		expect(offset.json).toEqual([{ title: 'Heat', premieres: [{ id: 2 }, { id: 4 }] }]);
	});

	it('keeps only the rows with a match under !inner, and counts those', async () => {
		const res = await stack()
			.client()
			.from('films')
			.select('title, premieres!inner(location)', { count: 'exact' })
			.eq('premieres.location', 'Venice');
		expect(res.error).toBeNull();
		expect(res.data).toEqual([{ title: 'Ronin', premieres: [{ location: 'Venice' }] }]);
		expect(res.count).toBe(1);
	});

	it('works from a view, with the overload taking the view’s row', async () => {
		const { data, error } = await stack()
			.client()
			.from('films_view')
			.select('title, premieres(location)')
			.eq('id', 2);
		expect(error).toBeNull();
		expect(data).toEqual([{ title: 'Ronin', premieres: [{ location: 'Venice' }] }]);
	});

	it('overrides the detected relationship of the same name', async () => {
		// directors(films) is setof without rows 1: to-many, where films_director_fkey is to-one.
		const { data, error } = await stack()
			.client()
			.from('films')
			.select('title, directors(name)')
			.eq('id', 2);
		expect(error).toBeNull();
		expect(data).toEqual([{ title: 'Ronin', directors: [{ name: 'Frankenheimer' }] }]);
		// The detected one is gone: even its constraint as a hint picks the function (Plan.hs findRel).
		const hinted = await rest(
			stack(),
			'/films?select=title,directors!films_director_fkey(name)&id=eq.2'
		);
		expect(hinted.json).toEqual([{ title: 'Ronin', directors: [{ name: 'Frankenheimer' }] }]);
		// The reverse direction is still the foreign key's.
		const reverse = await stack()
			.client()
			.from('directors')
			.select('name, films(title)')
			.eq('id', 2);
		expect(reverse.data).toEqual([{ name: 'Frankenheimer', films: [{ title: 'Ronin' }] }]);
	});

	it('nests, and embeds from the rows of a function called by rpc', async () => {
		const nested = await stack()
			.client()
			.from('premieres')
			.select('location, film(title, premieres(id))')
			.eq('id', 3);
		expect(nested.data).toEqual([
			{ location: 'Venice', film: { title: 'Ronin', premieres: [{ id: 3 }] } }
		]);
		const { data, error } = await stack()
			.client()
			.rpc('all_films')
			.select('title, premieres(location)')
			.eq('id', 2);
		expect(error).toBeNull();
		expect(data).toEqual([{ title: 'Ronin', premieres: [{ location: 'Venice' }] }]);
	});

	it('embeds in the representation of a write', async () => {
		const { data, error } = await stack()
			.admin()
			.from('premieres')
			.insert({ id: 9, location: 'Toronto', film_id: 2 })
			.select('location, film(title)');
		expect(error).toBeNull();
		expect(data).toEqual([{ location: 'Toronto', film: { title: 'Ronin' } }]);
		await stack().db.exec('delete from public.premieres where id = 9');
	});

	it('spreads a to-one function into the parent', async () => {
		const { data, error } = await stack()
			.client()
			.from('premieres')
			.select('location, ...film(title)')
			.eq('id', 3);
		expect(error).toBeNull();
		expect(data).toEqual([{ location: 'Venice', title: 'Ronin' }]);
	});
});

describe('computed fields', () => {
	it('selects them by name and alias; * leaves them out', async () => {
		const { data, error } = await stack()
			.client()
			.from('films')
			.select('id, label, n:premiere_count')
			.order('id');
		expect(error).toBeNull();
		expect(data).toEqual([
			{ id: 1, label: 'Heat (1995)', n: 3 },
			{ id: 2, label: 'Ronin (1998)', n: 1 },
			{ id: 3, label: 'Collateral (2004)', n: 0 }
		]);
		const star = await stack().client().from('films').select('*').eq('id', 1);
		expect(star.data).toEqual([{ id: 1, title: 'Heat', year: 1995, director_id: 1 }]);
	});

	it('filters and orders by them', async () => {
		const { data, error } = await stack()
			.client()
			.from('films')
			.select('title')
			.gte('premiere_count', 1)
			.order('premiere_count', { ascending: true });
		expect(error).toBeNull();
		expect(data).toEqual([{ title: 'Ronin' }, { title: 'Heat' }]);
		const byLabel = await stack().client().from('films').select('id').like('label', '*(2004)');
		expect(byLabel.data).toEqual([{ id: 3 }]);
	});

	it('works inside an embedding and on its filters', async () => {
		const { data, error } = await stack()
			.client()
			.from('films')
			.select('id, premieres(shout)')
			.eq('id', 1)
			.eq('premieres.shout', 'CANNES');
		expect(error).toBeNull();
		expect(data).toEqual([{ id: 1, premieres: [{ shout: 'CANNES' }] }]);
	});

	it('still answers 42703 for a name that is neither column nor function', async () => {
		const res = await stack().client().from('films').select('id, labels');
		expect(res.status).toBe(400);
		expect(res.error).toEqual({
			code: '42703',
			message: 'column films.labels does not exist',
			details: null,
			hint: null
		});
	});
});
