-- An org's hosted pages (issue 20): the name they show, a logo, an accent colour checked for contrast when set.
alter table registry.orgs
  add column brand_display_name text,
  add column brand_logo_url     text,
  add column brand_accent_color text check (brand_accent_color ~ '^#[0-9a-f]{6}$');
