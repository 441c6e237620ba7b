import { runDepartmentProcess } from '../../lib/server/department';
import { grid } from '.';

runDepartmentProcess(grid);
