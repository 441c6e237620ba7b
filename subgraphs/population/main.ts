import { runDepartmentProcess } from '../../lib/server/department';
import { population } from '.';

runDepartmentProcess(population);
