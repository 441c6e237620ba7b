import { runDepartmentProcess } from '../../lib/server/department';
import { publicSecurity } from '.';

runDepartmentProcess(publicSecurity);
