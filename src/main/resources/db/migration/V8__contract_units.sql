-- The 苏州 unit of a pilot contract: its street and communities (groups street-{unit}, community-{unit}) work on it.
alter table service_contract add column unit_code varchar(64);

update service_contract set unit_code = (select t.unit_code from tender t where t.tender_id = service_contract.source_ref)
where kind = 'PILOT_UNIT';
