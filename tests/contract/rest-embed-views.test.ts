/**
 * Foreign key joins on views (PostgREST docs references/api/resource_embedding.rst "Foreign Key
 * Joins on Views" and "on Chains of Views"; SchemaCache.hs allViewsKeyDependencies and
 * addViewM2OAndO2ORels): a view whose columns come straight from its base tables' key columns
 * embeds, and is embedded, as those tables are, through chains of views and from base tables in
 * a schema the API does not expose.
 */
import { describe, expect, it } from 'vitest';
import { rest } from './helpers/rest-fixture.ts';
import { useTestStack } from './helpers/use-stack.ts';

const SQL = `
create table public.films (id int primary key, title text not null, language text);
create table public.competitions (id int primary key, name text not null);
create table public.nominations (
  id int primary key,
  competition_id int not null references public.competitions(id),
  film_id int not null references public.films(id),
  rank int
);
create table public.actors (id int primary key, first_name text, last_name text);
create table public.roles (
  film_id int references public.films(id), actor_id int references public.actors(id),
  character text, primary key (film_id, actor_id)
);
insert into public.films values (1, 'Heat', 'en'), (2, 'Ronin', 'en'), (3, 'Léon', 'fr');
insert into public.competitions values (1, 'Oscars'), (2, 'César');
insert into public.nominations values (1, 1, 1, 5), (2, 2, 3, 5), (3, 1, 2, 2);
insert into public.actors values (1, 'Robert', 'De Niro'), (2, 'Al', 'Pacino'), (3, 'Jean', 'Reno');
insert into public.roles values (1, 1, 'McCauley'), (1, 2, 'Hanna'), (2, 1, 'Sam'), (2, 3, 'Vincent'), (3, 3, 'Léon');

-- The docs' view: nominations.film_id and films.id are both in it.
create view public.nominations_view as
  select films.title as film_title, competitions.name as competition_name, nominations.rank,
    nominations.film_id as nominations_film_id, films.id as film_id
  from public.nominations
  join public.films on films.id = nominations.film_id
  join public.competitions on competitions.id = nominations.competition_id;

-- Views over views, and views over each side.
create view public.films_v as select id, title from public.films;
create view public.films_vv as select id as film_key, title from public.films_v;
create view public.roles_v as select film_id, actor_id, character from public.roles;
create materialized view public.actors_mv as select id, last_name from public.actors;

-- Base tables in a schema the API does not expose, shown through views.
create schema hidden;
create table hidden.authors (id int primary key, name text not null);
create table hidden.books (id int primary key, title text not null,
  author_id int constraint books_author_fkey references hidden.authors(id));
insert into hidden.authors values (1, 'Le Guin'), (2, 'Herbert');
insert into hidden.books values (1, 'Earthsea', 1), (2, 'Dune', 2), (3, 'The Dispossessed', 1);
create view public.authors as select id, name from hidden.authors;
create view public.books as select id, title, author_id from hidden.books;
grant usage on schema hidden to anon, authenticated, service_role;
grant select on all tables in schema hidden to anon, authenticated, service_role;

-- Two keys to one table, both through views.
create table public.addresses (id int primary key, name text);
create table public.orders (id int primary key, name text,
  billing_address_id int constraint billing references public.addresses(id),
  shipping_address_id int constraint shipping references public.addresses(id));
insert into public.addresses values (1, 'home'), (2, 'office');
insert into public.orders values (1, 'filter', 1, 2);
create view public.orders_v as select id, name, billing_address_id, shipping_address_id from public.orders;
create view public.addresses_v as select id, name from public.addresses;
`;

const stack = useTestStack({ sql: SQL });

describe('foreign key joins on views', () => {
	it('embeds through the keys a view shows, as in the docs’ nominations_view', async () => {
		const { data, error } = await stack()
			.client()
			.from('nominations_view')
			// roles and the view roles_v both join the two: the hint picks the table.
			.select('film_title, films(language), roles(character), actors!roles(last_name, first_name)')
			.eq('rank', 5)
			.order('film_title')
			.order('character', { referencedTable: 'roles' })
			.order('last_name', { referencedTable: 'actors' });
		expect(error).toBeNull();
		expect(data).toEqual([
			{
				film_title: 'Heat',
				films: { language: 'en' },
				roles: [{ character: 'Hanna' }, { character: 'McCauley' }],
				actors: [
					{ last_name: 'De Niro', first_name: 'Robert' },
					{ last_name: 'Pacino', first_name: 'Al' }
				]
			},
			{
				film_title: 'Léon',
				films: { language: 'fr' },
				roles: [{ character: 'Léon' }],
				actors: [{ last_name: 'Reno', first_name: 'Jean' }]
			}
		]);
	});

	it('embeds a view from a table, both ways', async () => {
		const toView = await stack()
			.client()
			.from('films')
			.select('title, nominations_view(rank)')
			.eq('id', 2);
		expect(toView.error).toBeNull();
		// films.id is the view's film_id (f_ref) and nominations.film_id its nominations_film_id.
		expect(toView.data).toEqual([{ title: 'Ronin', nominations_view: [{ rank: 2 }] }]);
		const fromTable = await stack()
			.client()
			.from('roles')
			.select('character, films_v(title)')
			.eq('actor_id', 3)
			.order('film_id');
		expect(fromTable.data).toEqual([
			{ character: 'Vincent', films_v: { title: 'Ronin' } },
			{ character: 'Léon', films_v: { title: 'Léon' } }
		]);
	});

	it('embeds between two views, many-to-many through a view junction, and a materialized view', async () => {
		const { data, error } = await stack()
			.client()
			.from('roles_v')
			.select('character, films_v(title), actors_mv(last_name)')
			.eq('film_id', 2)
			.order('actor_id');
		expect(error).toBeNull();
		expect(data).toEqual([
			{ character: 'Sam', films_v: { title: 'Ronin' }, actors_mv: { last_name: 'De Niro' } },
			{ character: 'Vincent', films_v: { title: 'Ronin' }, actors_mv: { last_name: 'Reno' } }
		]);
		// roles_v inherits roles' primary key, so it is a junction between films_v and actors_mv
		// as roles is: two many-to-many candidates.
		const amb = await rest(stack(), '/films_v?select=title,actors_mv(last_name)');
		expect(amb.status).toBe(300);
		expect(amb.json).toMatchObject({
			code: 'PGRST201',
			details: [
				{
					cardinality: 'many-to-many',
					embedding: 'films_v with actors_mv',
					relationship: 'roles using roles_film_id_fkey(film_id) and roles_actor_id_fkey(actor_id)'
				},
				{
					cardinality: 'many-to-many',
					embedding: 'films_v with actors_mv',
					relationship:
						'roles_v using roles_film_id_fkey(film_id) and roles_actor_id_fkey(actor_id)'
				}
			],
			hint: "Try changing 'actors_mv' to one of the following: 'actors_mv!roles', 'actors_mv!roles_v'. Find the desired relationship in the 'details' key."
		});
		const m2m = await stack()
			.client()
			.from('films_v')
			.select('title, actors_mv!roles_v(last_name)')
			.eq('id', 1)
			.order('last_name', { referencedTable: 'actors_mv' });
		expect(m2m.error).toBeNull();
		expect(m2m.data).toEqual([
			{ title: 'Heat', actors_mv: [{ last_name: 'De Niro' }, { last_name: 'Pacino' }] }
		]);
	});

	it('follows a chain of views, with renamed key columns', async () => {
		const { data, error } = await stack()
			.client()
			.from('films_vv')
			.select('title, roles(character)')
			.eq('film_key', 2)
			.order('character', { referencedTable: 'roles' });
		expect(error).toBeNull();
		expect(data).toEqual([
			{ title: 'Ronin', roles: [{ character: 'Sam' }, { character: 'Vincent' }] }
		]);
	});

	it('finds keys of base tables in a schema the API does not expose', async () => {
		const { data, error } = await stack()
			.client()
			.from('authors')
			.select('name, books(title)')
			.order('id')
			.order('id', { referencedTable: 'books' });
		expect(error).toBeNull();
		expect(data).toEqual([
			{ name: 'Le Guin', books: [{ title: 'Earthsea' }, { title: 'The Dispossessed' }] },
			{ name: 'Herbert', books: [{ title: 'Dune' }] }
		]);
		const back = await stack().client().from('books').select('title, authors(name)').eq('id', 2);
		expect(back.data).toEqual([{ title: 'Dune', authors: { name: 'Herbert' } }]);
	});

	it('answers PGRST201 for two keys between views, naming the views', async () => {
		const res = await rest(stack(), '/orders_v?select=*,addresses_v(*)');
		expect(res.status).toBe(300);
		expect(res.json).toEqual({
			code: 'PGRST201',
			message:
				"Could not embed because more than one relationship was found for 'orders_v' and 'addresses_v'",
			details: [
				{
					cardinality: 'many-to-one',
					embedding: 'orders_v with addresses_v',
					relationship: 'billing using orders_v(billing_address_id) and addresses_v(id)'
				},
				{
					cardinality: 'many-to-one',
					embedding: 'orders_v with addresses_v',
					relationship: 'shipping using orders_v(shipping_address_id) and addresses_v(id)'
				}
			],
			hint: "Try changing 'addresses_v' to one of the following: 'addresses_v!billing', 'addresses_v!shipping'. Find the desired relationship in the 'details' key."
		});
		const hinted = await stack()
			.client()
			.from('orders_v')
			.select(
				'name, billing:addresses_v!billing(name), shipping:addresses_v!shipping_address_id(name)'
			);
		expect(hinted.error).toBeNull();
		expect(hinted.data).toEqual([
			{ name: 'filter', billing: { name: 'home' }, shipping: { name: 'office' } }
		]);
	});

	it('takes a constraint or column as the target only towards a table, not a view (Plan.hs findRel)', async () => {
		const toTable = await rest(stack(), '/orders_v?select=name,billing(name)');
		expect(toTable.status).toBe(200);
		expect(toTable.json).toEqual([{ name: 'filter', billing: { name: 'home' } }]);
		const byColumn = await rest(stack(), '/orders?select=name,shipping_address_id(name)');
		// Towards the table addresses and the view addresses_v: the view does not match by column.
		expect(byColumn.json).toEqual([{ name: 'filter', shipping_address_id: { name: 'office' } }]);
	});
});
