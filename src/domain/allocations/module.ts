import { Module } from '../../platform/http/module';
import { Allocation, AllocationPart } from './allocation.entity';
import { AllocationPartResolver, AllocationResolver, ForbundAllocationResolver } from './allocations.resolver';
import { allocationsByForbund, partsByAllocation } from './allocations.loaders';

/** Allocations (tilldelning), total and per member. */
export const allocationsModule: Module = {
  name: 'allocations',
  entities: [Allocation, AllocationPart],
  resolvers: [ForbundAllocationResolver, AllocationResolver, AllocationPartResolver],
  loaders: { allocationsByForbund, partsByAllocation },
};
